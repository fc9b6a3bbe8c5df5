package org.encours.api.data;

import java.util.Map;

/**
 * The prevention policy's latest recommendation for a customer: whether it was scored (not: the
 * prospect rules applied), its probability (NaN when none), the deposit share and the quote amount
 * above which it is required (cents, {@link Long#MIN_VALUE}: never required), credit limit and open
 * exposure (cents, {@link Long#MIN_VALUE} when none), longest terms, whether new orders are
 * blocked, reminder ladder, flags and reasons (as written by the policy job: plain values, shared
 * between records).
 */
public record Recommendation(
    String customerId,
    int asOfEpochDay,
    boolean scored,
    String grade,
    double probability,
    double depositShare,
    long depositRequiredAboveCents,
    long creditLimitCents,
    long openExposureCents,
    int maxTermsDays,
    boolean blockOrders,
    Object ladder,
    Object flags,
    Object reasons,
    String policyVersion,
    String modelVersion,
    Map<String, Long> inputVersions) {}

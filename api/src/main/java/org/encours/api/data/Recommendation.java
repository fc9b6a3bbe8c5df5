package org.encours.api.data;

import java.util.Map;

/**
 * The prevention policy's latest recommendation for a customer: deposit share, credit limit (cents,
 * {@link Long#MIN_VALUE} when none), longest terms, reminder ladder, flags and reasons (as written by
 * the policy job: plain values, shared between records).
 */
public record Recommendation(
    String customerId,
    int asOfEpochDay,
    String grade,
    double depositShare,
    long creditLimitCents,
    int maxTermsDays,
    Object ladder,
    Object flags,
    Object reasons,
    String policyVersion,
    String modelVersion,
    Map<String, Long> inputVersions) {}

package org.encours.api.data;

import java.util.Map;

/**
 * The next recommended dunning action for one open invoice. Money in cents ({@link Long#MIN_VALUE}:
 * none), dates as epoch days ({@link Integer#MIN_VALUE}: none).
 */
public record DunningAction(
    String invoiceId,
    String customerId,
    int asOfEpochDay,
    String nextAction,
    int actionEpochDay,
    String channel,
    long amountDueCents,
    long penaltiesCents,
    long indemnityCents,
    int limitationEpochDay,
    Object flags,
    String policyVersion,
    Map<String, Long> inputVersions) {}

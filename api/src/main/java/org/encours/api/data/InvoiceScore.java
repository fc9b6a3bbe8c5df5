package org.encours.api.data;

import java.util.Map;

/**
 * One open invoice's latest late-payment score. Dates are epoch days ({@link Integer#MIN_VALUE}:
 * none), {@code expectedDaysLate} NaN when absent.
 */
public record InvoiceScore(
    String invoiceId,
    String customerId,
    int asOfEpochDay,
    double probability,
    double expectedDaysLate,
    int predictedPaymentDay,
    int paymentDayP10,
    int paymentDayP50,
    int paymentDayP90,
    String grade,
    String modelVersion,
    Map<String, Long> inputVersions) {}

package org.encours.api.data;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One row of {@code aging}: an entity's open amount in one bucket at the as-of date. */
public record AgingRow(
    LocalDate asOfDate,
    String level,
    String entityId,
    String bucket,
    int bucketOrder,
    BigDecimal openAmount,
    long openCount,
    BigDecimal totalOpen,
    Double share,
    String agedFrom) {}

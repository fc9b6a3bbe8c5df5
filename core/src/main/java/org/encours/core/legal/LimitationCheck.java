package org.encours.core.legal;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A claim's limitation as of a date: the last day it can be brought to court ({@code
 * limitationDate}), the first day of the warning period, the status, the days left (negative once
 * expired) and the caveat that interruptions are invisible to Encours.
 */
public record LimitationCheck(
    LocalDate dueDate,
    LocalDate asOf,
    LocalDate limitationDate,
    LocalDate warnFrom,
    LimitationStatus status,
    long daysLeft,
    String note)
    implements Serializable {}

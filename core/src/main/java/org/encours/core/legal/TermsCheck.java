package org.encours.core.legal;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * The outcome of checking a due date against the legal cap: the latest lawful due date, whether the
 * requested one respects it, the due date to use ({@code allowedDueDate}: the requested one, or the
 * cap when it is exceeded) and a sentence saying which rule applied.
 */
public record TermsCheck(
    LocalDate invoiceDate,
    LocalDate requestedDueDate,
    LocalDate maxDueDate,
    boolean withinCap,
    LocalDate allowedDueDate,
    String reason)
    implements Serializable {}

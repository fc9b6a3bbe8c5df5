package org.encours.core.policy;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One step of an invoice's dunning plan: what, when, how, its status, for a formal notice the date
 * by which the debtor must pay ({@code paymentDeadline}, else null), and why, in plain words.
 */
public record DunningStep(
    DunningAction action,
    LocalDate date,
    Channel channel,
    StepStatus status,
    LocalDate paymentDeadline,
    String reason)
    implements Serializable {}

package org.encours.core.policy;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.encours.core.legal.AmountDue;
import org.encours.core.legal.LimitationCheck;

/**
 * The collection plan of one invoice as of a date: the ladder chosen, every step with its status
 * (empty when nothing is outstanding), and the legal facts that frame it: the day penalties start
 * (the day after the due date, no reminder needed), the amount due with penalties and indemnity,
 * and the limitation date and status. {@code notes} says what the plan cannot know or must flag.
 */
public record DunningPlan(
    String invoiceId,
    LocalDate asOf,
    String ladder,
    List<DunningStep> steps,
    LocalDate penaltiesFrom,
    AmountDue amountDue,
    LimitationCheck limitation,
    List<String> notes)
    implements Serializable {

  public DunningPlan {
    steps = List.copyOf(steps);
    notes = List.copyOf(notes);
  }

  /** The next step to take, if any. */
  public Optional<DunningStep> next() {
    return steps.stream().filter(s -> s.status() == StepStatus.NEXT).findFirst();
  }
}

package org.encours.core.policy;

/** Where a planned dunning step stands as of the plan's date. */
public enum StepStatus {
  /** Already done (up to the last action the caller reported). */
  DONE,
  /** Not done and no longer useful (a pre-due reminder once the due date has passed). */
  SKIPPED,
  /** The next thing to do; dated today at the latest when the ladder is behind schedule. */
  NEXT,
  /** Later steps, shifted by the same delay as the next one. */
  PLANNED
}

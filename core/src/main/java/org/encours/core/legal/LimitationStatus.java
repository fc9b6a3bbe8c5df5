package org.encours.core.legal;

/** Where an open claim stands against its limitation date, as of a date. */
public enum LimitationStatus {
  /** More than the warning period left. */
  OK,
  /** Within the warning period (by default the last 6 months), up to and including the last day. */
  WARN,
  /** The limitation date has passed: the claim can no longer be enforced in court. */
  EXPIRED
}

package org.encours.core.policy;

import java.io.Serializable;

/**
 * One step of a reminder ladder: {@code day} relative to the due date (-5 is J-5, 15 is J+15), the
 * action, the channel, for a formal notice the days given to pay ({@code deadlineDays}, else null),
 * and a short note for the person who acts.
 */
public record LadderStep(
    int day, DunningAction action, Channel channel, Integer deadlineDays, String note)
    implements Serializable {

  /** "J-5", "J+15". */
  public String label() {
    return day < 0 ? "J" + day : "J+" + day;
  }
}

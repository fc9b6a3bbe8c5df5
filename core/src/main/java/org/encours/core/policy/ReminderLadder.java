package org.encours.core.policy;

import java.io.Serializable;
import java.util.List;

/**
 * A named reminder ladder: steps in strictly increasing day order, ending with the formal notice.
 */
public record ReminderLadder(String name, List<LadderStep> steps) implements Serializable {
  public ReminderLadder {
    steps = List.copyOf(steps);
  }
}

package org.encours.samples;

import java.util.SplittableRandom;

/**
 * The reminder ladder the generator follows, from the collection guides (domain reference, section
 * 6): J+5 first reminder (phone or email), J+15 formal reminder (email or letter), J+30 registered
 * letter with acknowledgment, J+45 formal notice ("mise en demeure", sent by registered letter).
 * Offsets count days after the due date. A stage is only reached while the invoice is still not
 * fully paid.
 */
public enum DunningStage {
  REMINDER_1("reminder_1", 5, DunningChannel.PHONE, DunningChannel.EMAIL, 0.5),
  REMINDER_2("reminder_2", 15, DunningChannel.EMAIL, DunningChannel.LETTER, 0.6),
  REGISTERED_LETTER(
      "registered_letter",
      30,
      DunningChannel.REGISTERED_LETTER,
      DunningChannel.REGISTERED_LETTER,
      1.0),
  FORMAL_NOTICE(
      "formal_notice", 45, DunningChannel.REGISTERED_LETTER, DunningChannel.REGISTERED_LETTER, 1.0);

  private final String code;
  private final int daysAfterDue;
  private final DunningChannel usual;
  private final DunningChannel other;
  private final double usualShare;

  DunningStage(
      String code,
      int daysAfterDue,
      DunningChannel usual,
      DunningChannel other,
      double usualShare) {
    this.code = code;
    this.daysAfterDue = daysAfterDue;
    this.usual = usual;
    this.other = other;
    this.usualShare = usualShare;
  }

  /** The {@code stage} written on dunning events. */
  public String code() {
    return code;
  }

  /** Days after the due date at which this stage is sent (5, 15, 30, 45). */
  public int daysAfterDue() {
    return daysAfterDue;
  }

  DunningChannel drawChannel(SplittableRandom rng) {
    return usualShare >= 1.0 || rng.nextDouble() < usualShare ? usual : other;
  }

  /** The stage with this code, or null. */
  public static DunningStage byCode(String code) {
    for (DunningStage s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    return null;
  }

  /** How a reminder was sent. */
  public enum DunningChannel {
    PHONE("phone"),
    EMAIL("email"),
    LETTER("letter"),
    REGISTERED_LETTER("registered_letter");

    private final String code;

    DunningChannel(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** What the customer answered. */
  public enum DunningOutcome {
    PROMISE_TO_PAY("promise_to_pay"),
    DISPUTE_RAISED("dispute_raised"),
    NO_ANSWER("no_answer");

    private final String code;

    DunningOutcome(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}

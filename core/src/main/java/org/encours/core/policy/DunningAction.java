package org.encours.core.policy;

import java.util.Locale;

/**
 * The steps of collection, amicable first, then judicial. Policy files spell them in lower case
 * ({@code reminder_1}); the court steps are chosen by amount from the legal rules, never listed in
 * a ladder.
 */
public enum DunningAction {
  /** A friendly notice a few days before the due date (risky customers). */
  PRE_DUE_REMINDER,
  /** First reminder (J+5 by default): courteous, check the invoice was received. */
  REMINDER_1,
  /** Formal reminder (J+15): firm, penalties and the EUR 40 indemnity recalled. */
  REMINDER_2,
  /** Registered letter with acknowledgment of receipt (J+30). */
  REGISTERED_LETTER,
  /** Mise en demeure (J+45): amount, invoices, a deadline of 8 to 15 days, consequences. */
  FORMAL_NOTICE,
  /** Amicable collection by an agency, before court. */
  COLLECTION_AGENCY,
  /**
   * Simplified recovery of small claims by a commissaire de justice (CPCE L125-1), with the
   * debtor's agreement.
   */
  SMALL_CLAIMS_PROCEDURE,
  /**
   * Injonction de payer before the tribunal de commerce: certain, liquid and due claims, no
   * ceiling.
   */
  INJONCTION_DE_PAYER,
  /** European Small Claims Procedure (Regulation 861/2007), cross-border. */
  EUROPEAN_SMALL_CLAIMS,
  /** European order for payment (Regulation 1896/2006), cross-border, no ceiling. */
  EUROPEAN_ORDER_FOR_PAYMENT;

  /** The spelling in files and in the API, e.g. {@code reminder_1}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the steps a reminder ladder may contain. */
  public boolean isLadderStep() {
    return ordinal() <= FORMAL_NOTICE.ordinal();
  }
}

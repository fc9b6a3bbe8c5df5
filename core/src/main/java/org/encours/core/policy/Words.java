package org.encours.core.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Plain-words formatting of amounts and shares for reasons ("EUR 10,000", "30 %"). */
final class Words {
  private Words() {}

  static String eur(BigDecimal amount) {
    BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP);
    String text = String.format(Locale.ENGLISH, "%,.2f", cents);
    return "EUR " + (text.endsWith(".00") ? text.substring(0, text.length() - 3) : text);
  }

  static String percent(BigDecimal share) {
    return share.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
  }

  static String number(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}

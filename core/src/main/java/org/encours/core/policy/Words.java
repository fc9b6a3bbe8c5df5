package org.encours.core.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Plain-words formatting of amounts and shares for reasons ("EUR 10,000", "30 %"). */
final class Words {
  private Words() {}

  /**
   * "EUR 1,234.50", "EUR 10,000" (no cents when whole), "EUR -40": what {@code String.format(
   * Locale.ENGLISH, "%,.2f", amount)} writes, rounded half up to the cent, without its trailing
   * ".00". Built by hand: the policy writes it for every reason of every customer and open invoice,
   * and {@code String.format} parses its format string and looks up the locale's symbols on each
   * call, a visible share of the recommend step at scale (bench/results/pipeline.md).
   */
  static String eur(BigDecimal amount) {
    BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP);
    String digits = cents.unscaledValue().abs().toString();
    if (digits.length() < 3) {
      digits = "00".substring(digits.length() - 1) + digits;
    }
    String whole = digits.substring(0, digits.length() - 2);
    String fraction = digits.substring(digits.length() - 2);
    StringBuilder text = new StringBuilder(whole.length() + 12).append("EUR ");
    if (cents.signum() < 0) {
      text.append('-');
    }
    int head = whole.length() % 3 == 0 ? 3 : whole.length() % 3;
    text.append(whole, 0, head);
    for (int i = head; i < whole.length(); i += 3) {
      text.append(',').append(whole, i, i + 3);
    }
    if (!fraction.equals("00")) {
      text.append('.').append(fraction);
    }
    return text.toString();
  }

  static String percent(BigDecimal share) {
    return share.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
  }

  static String number(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}

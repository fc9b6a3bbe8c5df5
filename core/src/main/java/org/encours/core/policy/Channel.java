package org.encours.core.policy;

import java.util.Locale;

/**
 * How a step reaches the debtor. Policy files spell them in lower case ({@code phone_or_email}).
 */
public enum Channel {
  PHONE,
  EMAIL,
  PHONE_OR_EMAIL,
  EMAIL_OR_LETTER,
  SMS,
  LETTER,
  REGISTERED_LETTER,
  COLLECTION_AGENCY,
  COMMISSAIRE_DE_JUSTICE,
  COURT;

  /** The spelling in files and in the API, e.g. {@code registered_letter}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}

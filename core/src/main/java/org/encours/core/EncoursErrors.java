package org.encours.core;

import java.nio.file.Path;

/**
 * The one factory of user-facing errors. Each message says what is wrong, why, and how to fix it,
 * naming the offending key, column or value.
 */
public final class EncoursErrors {
  private EncoursErrors() {}

  public static UserFacingException missingFile(String what, Path path) {
    return new UserFacingException(
        what + " not found: " + path.toAbsolutePath() + ". Check the path (it is read relative to "
            + Path.of("").toAbsolutePath() + ").");
  }

  public static UserFacingException badConfig(String file, String key, String problem, String fix) {
    return new UserFacingException(
        "Invalid configuration in " + file + " at '" + key + "': " + problem + ". " + fix);
  }

  public static UserFacingException badArgument(String option, String value, String expected) {
    return new UserFacingException(
        "Invalid value '" + value + "' for " + option + ": expected " + expected + ".");
  }

  /**
   * A command-line date ({@code YYYY-MM-DD}, surrounding blanks ignored), or the error that names the
   * option and shows the expected form.
   */
  public static java.time.LocalDate parseDate(String option, String text) {
    try {
      return java.time.LocalDate.parse(text.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw badArgument(option, text, "a date YYYY-MM-DD, e.g. 2026-10-31");
    }
  }
}

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
        what
            + " not found: "
            + path.toAbsolutePath()
            + ". Check the path (it is read relative to "
            + Path.of("").toAbsolutePath()
            + ").");
  }

  /**
   * A file, folder or location that exists (or should) but cannot be read, listed or written:
   * "Cannot ACTION WHAT: CAUSE. FIX" ({@code fix} may be empty).
   */
  public static UserFacingException cannot(
      String action, String what, Throwable cause, String fix) {
    return new UserFacingException(
        "Cannot " + action + " " + what + ": " + reason(cause) + "." + sentence(fix), cause);
  }

  /**
   * An input file whose content is not what Encours reads: "WHAT PROBLEM. FIX" (the model card of
   * another format version, a mapping expression that does not fit its source, ...).
   */
  public static UserFacingException badFile(String what, String problem, String fix) {
    return new UserFacingException(what + " " + problem + "." + sentence(fix));
  }

  /** {@link #badFile(String, String, String)} with the exception that revealed the problem. */
  public static UserFacingException badFile(
      String what, String problem, String fix, Throwable cause) {
    return new UserFacingException(what + " " + problem + "." + sentence(fix), cause);
  }

  /**
   * Something a command needs is not there yet, usually because another command has not run: "No
   * WHAT in WHERE: FIX" (a table, a partition, a model version, an export's files).
   */
  public static UserFacingException nothingFound(String what, String where, String fix) {
    return new UserFacingException("No " + what + " in " + where + ": " + fix);
  }

  /**
   * The canonical tables are missing: the warehouse was never ingested into, or is the wrong one.
   */
  public static UserFacingException noCanonicalTables(String warehouseRoot) {
    return new UserFacingException(
        "No invoices table in the warehouse at "
            + warehouseRoot
            + ": the canonical tables are missing. Run 'encours ingest' first (or point --warehouse,"
            + " or ENCOURS_WAREHOUSE, at the warehouse it wrote).");
  }

  /** The data is valid but too thin for what was asked: "PROBLEM. FIX". */
  public static UserFacingException tooLittleData(String problem, String fix) {
    return new UserFacingException(problem + "." + sentence(fix));
  }

  /** {@link #tooLittleData(String, String)} with the exception that revealed it. */
  public static UserFacingException tooLittleData(String problem, String fix, Throwable cause) {
    return new UserFacingException(problem + "." + sentence(fix), cause);
  }

  /** A required command-line option is absent: "Missing OPTION: MEANING." */
  public static UserFacingException missingArgument(String option, String meaning) {
    return new UserFacingException("Missing " + option + ": " + meaning + ".");
  }

  /** A request Encours will not carry out because it would lose data or break a promise. */
  public static UserFacingException refused(String action, String reason, String fix) {
    return new UserFacingException("Refusing to " + action + ": " + reason + "." + sentence(fix));
  }

  /** The same error with what it meant for the run at hand appended in brackets. */
  public static UserFacingException inContext(UserFacingException error, String context) {
    return new UserFacingException(error.getMessage() + " (" + context + ")", error);
  }

  private static String reason(Throwable cause) {
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  private static String sentence(String fix) {
    return fix == null || fix.isBlank() ? "" : " " + fix;
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
   * A command-line date ({@code YYYY-MM-DD}, surrounding blanks ignored), or the error that names
   * the option and shows the expected form.
   */
  public static java.time.LocalDate parseDate(String option, String text) {
    try {
      return java.time.LocalDate.parse(text.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw badArgument(option, text, "a date YYYY-MM-DD, e.g. 2026-10-31");
    }
  }
}

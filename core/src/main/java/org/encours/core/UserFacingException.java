package org.encours.core;

/**
 * An error the user can act on: it says what went wrong, why, and how to fix it, with the offending
 * value. The command line prints its message without a stack trace and exits with {@link
 * #exitCode()}.
 *
 * <p>Created only through {@link EncoursErrors} (the constructors are not public), so that every
 * message follows the same what / why / how-to-fix pattern.
 */
public class UserFacingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code for a problem in the user's input (configuration, mapping, arguments, data). */
  public static final int EXIT_BAD_INPUT = 2;

  private final int exitCode;

  protected UserFacingException(String message) {
    this(message, null);
  }

  protected UserFacingException(String message, Throwable cause) {
    super(message, cause);
    this.exitCode = EXIT_BAD_INPUT;
  }

  public int exitCode() {
    return exitCode;
  }
}

package org.encours.core.cli;

import picocli.CommandLine;

/**
 * Test access to the {@code encours} command line (its factory is package-private in core), so that
 * the analytics command is tested through the real entry point and error handler.
 */
public final class EncoursCli {
  private EncoursCli() {}

  public static CommandLine commandLine() {
    return Encours.commandLine();
  }
}

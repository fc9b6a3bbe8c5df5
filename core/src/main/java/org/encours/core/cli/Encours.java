package org.encours.core.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.encours.core.UserFacingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./encours} entry point: a thin main that discovers the subcommands present on the
 * classpath, runs one and returns its exit code. Errors the user can fix are printed as one clear
 * message; anything else is reported as an internal error, with the stack trace only when {@code
 * ENCOURS_DEBUG=1}.
 */
@Command(
    name = "encours",
    mixinStandardHelpOptions = true,
    versionProvider = Encours.Version.class,
    description = "Receivables analytics and credit-risk scoring for accounts receivable.",
    footer = {
      "",
      "Run 'encours COMMAND --help' for the options of a command.",
      "Environment: ENCOURS_WAREHOUSE (warehouse folder), ENCOURS_DEBUG=1 (stack traces)."
    })
public final class Encours implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Encours());
    List<EncoursCommand> commands =
        ServiceLoader.load(EncoursCommand.class).stream()
            .map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparing(c -> name(c)))
            .collect(Collectors.toList());
    for (EncoursCommand command : commands) {
      cli.addSubcommand(command);
    }
    cli.setExecutionExceptionHandler(Encours::handle);
    return cli;
  }

  private static String name(Object command) {
    Command annotation = command.getClass().getAnnotation(Command.class);
    return annotation == null ? command.getClass().getSimpleName() : annotation.name();
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    UserFacingException userError = findUserFacing(e);
    if (userError != null) {
      err.println("encours " + cli.getCommandName() + ": " + userError.getMessage());
      if (debug()) {
        userError.printStackTrace(err);
      }
      err.flush();
      return userError.exitCode();
    }
    err.println(
        "encours "
            + cli.getCommandName()
            + ": internal error: "
            + firstLine(e.toString())
            + (debug() ? "" : " (run with ENCOURS_DEBUG=1 for the stack trace)"));
    if (debug()) {
      e.printStackTrace(err);
    }
    err.flush();
    return 70;
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static UserFacingException findUserFacing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UserFacingException u) {
        return u;
      }
    }
    return null;
  }

  private static boolean debug() {
    return "1".equals(System.getenv("ENCOURS_DEBUG"));
  }

  /** Prints the version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Encours.class.getPackage().getImplementationVersion();
      return new String[] {"encours " + (version == null ? "development build" : version)};
    }
  }
}

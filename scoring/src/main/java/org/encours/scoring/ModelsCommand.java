package org.encours.scoring;

import java.io.PrintWriter;
import java.util.List;
import org.encours.core.cli.EncoursCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code encours models list | promote VERSION}: the model registry. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "The model registry: 'models list' shows the versions (* = champion), 'models promote VERSION' makes one the champion."
    },
    subcommands = {ModelsCommand.ListVersions.class, ModelsCommand.Promote.class})
public final class ModelsCommand implements EncoursCommand {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  static final class RegistryOption {
    @Option(
        names = "--models",
        paramLabel = "DIR",
        description =
            "Model registry. Default: $ENCOURS_MODELS, else ./"
                + ModelRegistry.DEFAULT_LOCATION
                + ".")
    String models;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the model versions, oldest first; * marks the champion.")
  static final class ListVersions implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Mixin RegistryOption registry;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ModelRegistry r = ModelRegistry.locate(registry.models);
      PrintWriter out = spec.commandLine().getOut();
      List<String> lines = r.describe();
      if (lines.isEmpty()) {
        out.println(
            "No models in " + r.root().toAbsolutePath() + ". Train one with 'encours train'.");
      }
      lines.forEach(out::println);
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description = "Makes VERSION the champion used by 'encours score'.")
  static final class Promote implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Mixin RegistryOption registry;
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "VERSION",
        description = "A version from 'encours models list', e.g. v0002.")
    String version;

    @Override
    public Integer call() {
      ModelRegistry r = ModelRegistry.locate(registry.models);
      r.promote(version);
      spec.commandLine()
          .getOut()
          .println("champion is now " + version + " (" + r.root().toAbsolutePath() + ")");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}

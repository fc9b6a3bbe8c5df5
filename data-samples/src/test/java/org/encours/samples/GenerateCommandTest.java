package org.encours.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.encours.core.cli.Encours;
import org.encours.core.cli.EncoursCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code encours generate} through the real entry point, as a user runs it. */
class GenerateCommandTest {
  @TempDir Path tmp;

  record Run(int exitCode, String out, String err) {}

  static Run encours(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Encours.execute(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void isRegisteredAsAnEncoursCommand() {
    assertThat(ServiceLoader.load(EncoursCommand.class).stream().map(ServiceLoader.Provider::type))
        .contains(GenerateCommand.class);
  }

  @Test
  void writesTheFolderAndPrintsAOneLineSummary() throws IOException {
    Path out = tmp.resolve("sample");
    Run run = encours("generate", "--invoices", "1000", "--seed", "7", "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines())
        .singleElement()
        .asString()
        .startsWith("Generated 1000 invoices, ")
        .contains(" 50 customers, ", out.toString(), "seed 7");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "customers.csv",
              "invoices.csv",
              "payments.csv",
              "dunning_events.csv",
              "generation.json");
    }
    assertThat(Files.readString(out.resolve("generation.json")))
        .contains(
            "\"command\" : \"encours generate --invoices 1000 --seed 7 --end 2026-10-31 --months 36\"");
  }

  @Test
  void refusesANonEmptyFolderUnlessForced() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(out.resolve("notes.txt"), "keep me");
    Run refused = encours("generate", "--invoices", "1000", "--out", out.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("--out", "not empty", "--force");
    assertThat(out.resolve("invoices.csv")).doesNotExist();

    Run forced = encours("generate", "--invoices", "1000", "--out", out.toString(), "--force");
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(out.resolve("invoices.csv")).exists();
    assertThat(out.resolve("notes.txt")).hasContent("keep me");
  }

  @Test
  void invalidOptionsAreNamedInTheError() {
    Path out = tmp.resolve("x");
    Run tooFew = encours("generate", "--invoices", "999", "--out", out.toString());
    assertThat(tooFew.exitCode()).isEqualTo(2);
    assertThat(tooFew.err()).contains("--invoices", "'999'", "1000 to 20000000");

    Run tooMany = encours("generate", "--invoices", "20000001", "--out", out.toString());
    assertThat(tooMany.err()).contains("--invoices");

    Run badDate = encours("generate", "--end", "31/10/2026", "--out", out.toString());
    assertThat(badDate.exitCode()).isEqualTo(2);
    assertThat(badDate.err()).contains("--end", "'31/10/2026'", "ISO date");

    Run badMonths = encours("generate", "--months", "0", "--out", out.toString());
    assertThat(badMonths.exitCode()).isEqualTo(2);
    assertThat(badMonths.err()).contains("--months", "'0'");
    assertThat(out).doesNotExist();
  }

  @Test
  void helpStatesTheVolumeRule() {
    Run help = encours("generate", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.err()).doesNotContain("WARN");
    assertThat(help.out()).contains("about 5 %");
    assertThat(help.out())
        .contains(
            "Exactly N invoices",
            "round(N / 20)",
            "--invoices",
            "--seed",
            "--end",
            "--months",
            "--out",
            "--force");
  }
}

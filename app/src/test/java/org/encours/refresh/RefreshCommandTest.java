package org.encours.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import org.encours.core.UserFacingException;
import org.encours.core.cli.EncoursCli;
import org.junit.jupiter.api.Test;

/**
 * {@code encours refresh} names a bad argument before Spark starts (no Spark session in this
 * class).
 */
class RefreshCommandTest {

  @Test
  void aBadDateIsNamed() {
    assertThat(refused("refresh", "--as-of", "2026-11-31")).contains("--as-of", "2026-11-31");
  }

  @Test
  void aSourceNeedsItsMapping() {
    assertThat(refused("refresh", "--as-of", "2026-11-30", "--source", "exports/2026-11"))
        .contains("--source", "--mapping");
    assertThat(refused("refresh", "--as-of", "2026-11-30", "--mapping", "canonical-csv"))
        .contains("--mapping", "--source");
  }

  @Test
  void aBadMonthOrCountryIsNamed() {
    assertThat(refused("refresh", "--as-of", "2026-11-30", "--series-from", "2026-13"))
        .contains("--series-from", "2026-13");
    assertThat(refused("refresh", "--as-of", "2026-11-30", "--home-country", "France"))
        .contains("--home-country", "France");
  }

  @Test
  void anInboxReplacesTheSourceAndTheDateAndNeedsItsMapping() throws Exception {
    String inbox = Files.createTempDirectory("inbox").toString();
    assertThat(refused("refresh")).contains("Missing --as-of", "--inbox");
    assertThat(
            refused(
                "refresh", "--inbox", inbox, "--mapping", "canonical-csv", "--as-of", "2026-11-30"))
        .contains("--as-of", "the date its folder is named by");
    assertThat(
            refused(
                "refresh",
                "--inbox",
                inbox,
                "--mapping",
                "canonical-csv",
                "--source",
                "exports/2026-11"))
        .contains("--source", "inbox");
    assertThat(refused("refresh", "--inbox", inbox)).contains("--inbox", "--mapping");
    assertThat(refused("refresh", "--inbox", inbox + "/missing", "--mapping", "canonical-csv"))
        .contains("--inbox", "an existing local folder");
    assertThat(
            refused(
                "refresh",
                "--inbox",
                inbox,
                "--mapping",
                "canonical-csv",
                "--watch",
                "--poll-seconds",
                "0"))
        .contains("--poll-seconds", "'0'");
    assertThat(refused("refresh", "--as-of", "2026-11-30", "--watch"))
        .contains("--watch", "only with --inbox");
    assertThat(
            refused(
                "refresh", "--inbox", inbox, "--mapping", "canonical-csv", "--poll-seconds", "5"))
        .contains("--poll-seconds", "only with --watch");
  }

  @Test
  void anEmptyRegistrySaysHowToGetAChampion() throws Exception {
    String registry = Files.createTempDirectory("empty-registry").toString();
    assertThat(refused("refresh", "--as-of", "2026-11-30", "--models", registry))
        .contains("No champion model", "encours train");
    assertThat(
            refused("refresh", "--as-of", "2026-11-30", "--models", registry, "--model", "v0042"))
        .contains("v0042");
  }

  private static String refused(String... args) {
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = EncoursCli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).isEqualTo(UserFacingException.EXIT_BAD_INPUT);
    return err.toString();
  }
}

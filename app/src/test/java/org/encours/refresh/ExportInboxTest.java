package org.encours.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which folders of an inbox are exports ready to refresh, in which order, and what else is said.
 */
class ExportInboxTest {
  @TempDir Path inbox;

  @Test
  void readyExportsComeOldestFirstAndASecondExportOfADateAfterTheFirst() throws Exception {
    export("2026-12-31", true);
    export("2026-11-30.corrected", true);
    export("2026-11-30", true);
    export("2026-10-31", true);

    ExportInbox.Scan scan = new ExportInbox(inbox).scan();

    assertThat(scan.ready())
        .extracting(e -> e.folder().getFileName().toString())
        .containsExactly("2026-10-31", "2026-11-30", "2026-11-30.corrected", "2026-12-31");
    assertThat(scan.ready())
        .extracting(ExportInbox.Export::asOf)
        .containsExactly(
            LocalDate.parse("2026-10-31"),
            LocalDate.parse("2026-11-30"),
            LocalDate.parse("2026-11-30"),
            LocalDate.parse("2026-12-31"));
    assertThat(scan.notes()).isEmpty();
  }

  @Test
  void anExportWithoutItsReadyFileWaitsAndAnythingElseIsNamed() throws Exception {
    export("2026-11-30", false);
    export("2026-12-31", true);
    export("november", true);
    export("2026-02-30", true);
    Files.writeString(inbox.resolve("2026-11-30.csv"), "invoice_id\n");
    Files.createDirectories(inbox.resolve(ExportInbox.DONE).resolve("2026-10-31"));
    Files.writeString(inbox.resolve(".DS_Store"), "");

    ExportInbox.Scan scan = new ExportInbox(inbox).scan();

    assertThat(scan.ready())
        .extracting(e -> e.folder().getFileName().toString())
        .containsExactly("2026-12-31");
    assertThat(scan.notes())
        .containsExactly(
            "ignoring "
                + inbox.resolve("2026-02-30")
                + ": not an export (an export is a folder named by its cut-off date, YYYY-MM-DD)",
            "waiting for " + inbox.resolve("2026-11-30") + ": no READY file in it yet",
            "ignoring "
                + inbox.resolve("2026-11-30.csv")
                + ": not an export (an export is a folder named by its cut-off date, YYYY-MM-DD)",
            "ignoring "
                + inbox.resolve("november")
                + ": not an export (an export is a folder named by its cut-off date, YYYY-MM-DD)");
  }

  @Test
  void aRefreshedExportMovesToDoneWithoutReplacingOneOfTheSameName() throws Exception {
    Files.createDirectories(inbox.resolve(ExportInbox.DONE).resolve("2026-11-30"));
    export("2026-11-30", true);
    ExportInbox box = new ExportInbox(inbox);

    Path moved = box.markDone(box.scan().ready().get(0));

    assertThat(moved).isEqualTo(inbox.resolve("done").resolve("2026-11-30.2"));
    assertThat(moved.resolve("invoices.csv")).exists();
    assertThat(inbox.resolve("2026-11-30")).doesNotExist();
    assertThat(box.scan().ready()).isEmpty();
  }

  @Test
  void aFolderNameGivesItsDateOnlyAsADayFollowedByNothingADotOrAnUnderscore() {
    assertThat(ExportInbox.dateOf("2026-11-30")).isEqualTo(LocalDate.parse("2026-11-30"));
    assertThat(ExportInbox.dateOf("2026-11-30_second")).isEqualTo(LocalDate.parse("2026-11-30"));
    assertThat(ExportInbox.dateOf("2026-11-30x")).isNull();
    assertThat(ExportInbox.dateOf("2026-11")).isNull();
    assertThat(ExportInbox.dateOf("2026-13-01")).isNull();
  }

  private void export(String name, boolean ready) throws Exception {
    Path folder = Files.createDirectories(inbox.resolve(name));
    Files.writeString(folder.resolve("invoices.csv"), "invoice_id\n");
    if (ready) {
      Files.writeString(folder.resolve(ExportInbox.READY), "");
    }
  }
}

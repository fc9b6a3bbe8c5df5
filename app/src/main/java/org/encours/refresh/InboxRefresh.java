package org.encours.refresh;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.encours.core.EncoursErrors;
import org.encours.core.UserFacingException;
import org.encours.core.cli.Progress;
import org.encours.ingest.mapping.IngestMapping;

/**
 * {@code encours refresh --inbox}: refreshes each ready export of an {@link ExportInbox}, oldest
 * first, in the one Spark application of the command, and moves it to {@code done/}; with {@code
 * --watch}, looks again every poll interval until the process is stopped.
 *
 * <p>An export that fails stops the run with its error and stays in the inbox: the exports after it
 * are not refreshed, since each refresh goes on from the state the previous one left. Stopping the
 * process during a refresh leaves that export in the inbox too; refreshing it again is safe (the
 * ingest upserts by key, each derived table's partition of the date is replaced).
 */
final class InboxRefresh {
  private final ExportInbox inbox;
  private final IngestMapping mapping;
  private final Supplier<RefreshJob> newJob;
  private final Progress progress;
  private final PrintWriter out;
  private final Set<String> said = new HashSet<>();

  InboxRefresh(
      ExportInbox inbox,
      IngestMapping mapping,
      Supplier<RefreshJob> newJob,
      Progress progress,
      PrintWriter out) {
    this.inbox = inbox;
    this.mapping = mapping;
    this.newJob = newJob;
    this.progress = progress;
    this.out = out;
  }

  /** Returns the exit code: 0 once every ready export is refreshed (never, with {@code watch}). */
  int run(boolean watch, Duration poll) {
    int refreshed = 0;
    boolean announce = watch;
    while (true) {
      ExportInbox.Scan scan = inbox.scan();
      for (String note : scan.notes()) {
        if (said.add(note)) {
          progress.step(note);
        }
      }
      for (ExportInbox.Export export : scan.ready()) {
        refresh(export);
        refreshed++;
      }
      if (!watch) {
        out.println(
            refreshed == 0
                ? "no ready export in "
                    + inbox.folder()
                    + " (a folder named by its date, YYYY-MM-DD, holding a "
                    + ExportInbox.READY
                    + " file)"
                : "refreshed "
                    + refreshed
                    + " export(s) from "
                    + inbox.folder()
                    + " in "
                    + progress.elapsedText());
        out.flush();
        return 0;
      }
      if (announce || !scan.ready().isEmpty()) {
        progress.step(
            "watching "
                + inbox.folder()
                + " for exports (every "
                + poll.toSeconds()
                + " s; Ctrl-C stops)");
        announce = false;
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        out.println("stopped watching " + inbox.folder() + " after " + refreshed + " export(s)");
        out.flush();
        return 0;
      }
    }
  }

  private void refresh(ExportInbox.Export export) {
    progress.step("refreshing export " + export.folder() + " as of " + export.asOf());
    RefreshJob.Result result;
    try {
      result = newJob.get().ingest(export.folder().toString(), mapping).run(export.asOf());
    } catch (RuntimeException e) {
      String what =
          "export "
              + export.folder()
              + " was not refreshed; it stays in the inbox and the exports after it wait for it";
      if (e instanceof UserFacingException u) {
        throw EncoursErrors.inContext(u, what);
      }
      progress.step(what);
      throw e;
    }
    out.println(result.summary());
    out.println("export " + export.folder() + " refreshed, moved to " + inbox.markDone(export));
    out.flush();
  }
}

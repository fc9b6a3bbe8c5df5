package org.encours.refresh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local folder the ERP (or whoever copies its exports) drops exports into, for {@code encours
 * refresh --inbox}: one sub-folder per export, named by the export's cut-off date ({@code
 * 2026-11-30}), which is the date the refresh runs as of. An export is ready once its folder holds
 * a file named {@value #READY}, written last, so that a half-copied export is never read. A
 * refreshed export is moved to {@value #DONE}/ under the inbox; one that failed stays where it is.
 *
 * <p>Pure file-system bookkeeping: which exports are ready, in which order, and what else is in the
 * folder (reported, never silently skipped). The refresh itself is {@link RefreshJob}'s.
 */
public final class ExportInbox {
  /** The file whose presence says an export folder is complete. */
  public static final String READY = "READY";

  /** Where refreshed exports go, under the inbox. */
  public static final String DONE = "done";

  /** One export folder and the date it is refreshed as of. */
  public record Export(LocalDate asOf, Path folder) {}

  /**
   * What a look at the inbox found: the ready exports, oldest first (same date: by folder name),
   * and a line for everything else in it (an export still being copied, a folder or file that is
   * not an export).
   */
  public record Scan(List<Export> ready, List<String> notes) {}

  private final Path folder;

  public ExportInbox(Path folder) {
    this.folder = folder;
  }

  public Path folder() {
    return folder;
  }

  public Scan scan() {
    List<Export> ready = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Path> entries;
    try (Stream<Path> list = Files.list(folder)) {
      entries = list.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the inbox " + folder, e);
    }
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (name.equals(DONE) || name.startsWith(".")) {
        continue;
      }
      LocalDate date = dateOf(name);
      if (!Files.isDirectory(entry) || date == null) {
        notes.add(
            "ignoring "
                + entry
                + ": not an export (an export is a folder named by its cut-off date, YYYY-MM-DD)");
      } else if (!Files.exists(entry.resolve(READY))) {
        notes.add("waiting for " + entry + ": no " + READY + " file in it yet");
      } else {
        ready.add(new Export(date, entry));
      }
    }
    ready.sort(
        Comparator.comparing(Export::asOf).thenComparing(e -> e.folder().getFileName().toString()));
    return new Scan(List.copyOf(ready), List.copyOf(notes));
  }

  /**
   * The date a folder name gives: {@code 2026-11-30}, or {@code 2026-11-30} followed by a suffix
   * after a dot or underscore ({@code 2026-11-30.corrected}) for a second export of the same date.
   */
  static LocalDate dateOf(String name) {
    if (name.length() < 10
        || (name.length() > 10 && name.charAt(10) != '.' && name.charAt(10) != '_')) {
      return null;
    }
    try {
      return LocalDate.parse(name.substring(0, 10));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Moves a refreshed export to {@value #DONE}/ (as {@code NAME.2}, {@code NAME.3}... when an
   * export of that name is already there) and returns where it went.
   */
  public Path markDone(Export export) {
    Path done = folder.resolve(DONE);
    try {
      Files.createDirectories(done);
      String name = export.folder().getFileName().toString();
      Path target = done.resolve(name);
      for (int n = 2; Files.exists(target); n++) {
        target = done.resolve(name + "." + n);
      }
      return Files.move(export.folder(), target);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot move the refreshed export " + export.folder() + " to " + done, e);
    }
  }
}

package org.encours.core.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Progress lines for long jobs, in the user's words, on standard error (standard output keeps the
 * one-line summary a script can read): {@code 08:12:03 [ingest] Reading invoices (1 file)}.
 */
public final class Progress {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final String job;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  public Progress(String job, PrintStream out) {
    this.job = job;
    this.out = out;
  }

  /** Progress on standard error. */
  public static Progress toStderr(String job) {
    return new Progress(job, System.err);
  }

  /** Progress that prints nothing (tests, embedded use). */
  public static Progress silent(String job) {
    return new Progress(job, new PrintStream(java.io.OutputStream.nullOutputStream()));
  }

  public void step(String message) {
    out.println(LocalTime.now().format(CLOCK) + " [" + job + "] " + message);
    out.flush();
  }

  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Elapsed seconds with one decimal, e.g. "12.3 s". */
  public String elapsedText() {
    return String.format(java.util.Locale.ROOT, "%.1f s", elapsed().toMillis() / 1000.0);
  }
}

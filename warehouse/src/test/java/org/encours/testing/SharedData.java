package org.encours.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared data folder ({@code ../shared/data} beside the repository), read in place and never
 * copied into the repository. Tests that need it are skipped, with a visible message, where it is
 * absent.
 */
public final class SharedData {
  private SharedData() {}

  public static Path ibmAccountsReceivableCsv() {
    Path file =
        Path.of(System.getProperty("encours.shared.dir", "../shared"))
            .resolve("data/ibm-accounts-receivable/WA_Fn-UseC_-Accounts-Receivable.csv");
    if (!Files.isRegularFile(file)) {
      System.err.println(
          "SKIPPED: the IBM sample is not at "
              + file.toAbsolutePath()
              + " (../shared/data is absent)");
    }
    assumeTrue(
        Files.isRegularFile(file),
        "IBM sample absent at " + file.toAbsolutePath() + "; test skipped");
    return file;
  }
}

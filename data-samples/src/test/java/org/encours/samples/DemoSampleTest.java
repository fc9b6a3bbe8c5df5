package org.encours.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed demo sample ({@code data-samples/demo/}) is exactly what the generator writes with
 * the default arguments, so it cannot silently drift from the code. When a deliberate change to the
 * generator breaks this test, regenerate the sample (see {@link #DEMO_COMMAND}) and commit it with
 * the change.
 */
class DemoSampleTest {
  static final Path DEMO = Path.of("demo"); // tests run in the module folder
  static final String DEMO_COMMAND =
      "./mvnw -B -q -pl data-samples -am package -DskipTests && java -cp ... "
          + "org.encours.core.cli.Encours generate --out data-samples/demo --force";
  static final long MAX_BYTES = 5L * 1024 * 1024;

  @TempDir Path tmp;

  @Test
  void demoIsWhatTheDefaultArgumentsGenerate() throws IOException {
    new LedgerGenerator(GenerationSettings.defaults()).writeCsv(tmp, null);
    for (String file : GeneratedFilesTest.FILES) {
      assertThat(Files.readAllBytes(DEMO.resolve(file)))
          .as("%s differs from a fresh run; regenerate with: %s", file, DEMO_COMMAND)
          .isEqualTo(Files.readAllBytes(tmp.resolve(file)));
    }
  }

  @Test
  void demoStaysUnderFiveMegabytes() throws IOException {
    long total = 0;
    for (String file : GeneratedFilesTest.FILES) {
      total += Files.size(DEMO.resolve(file));
    }
    assertThat(total).isLessThan(MAX_BYTES);
  }
}

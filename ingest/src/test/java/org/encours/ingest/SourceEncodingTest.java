package org.encours.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The line-by-line encoding check, on hand-written bytes. */
class SourceEncodingTest {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  @Test
  void asciiAndWellFormedUtf8LinesDecode() {
    assertThat(problem("C1,Acme SA,FR".getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8))
        .isNull();
    assertThat(
            problem(
                "C2,Caf\u00e9 du Port,FR".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isNull();
  }

  @Test
  void aLatin1ByteIsNotUtf8AndIsNamedWithItsValue() {
    byte[] line = "C2,Caf\u00e9 du Port,FR".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(problem(line, StandardCharsets.UTF_8)).isEqualTo("invalid UTF-8 byte 0xE9");
    assertThat(SourceEncoding.rawText(line, line.length, StandardCharsets.UTF_8))
        .isEqualTo("C2,Caf\\xE9 du Port,FR");
  }

  @Test
  void theSameBytesAreTextInTheEncodingTheyWereWrittenIn() {
    byte[] line = "C2,Caf\u00e9 du Port,FR".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(problem(line, StandardCharsets.ISO_8859_1)).isNull();
    assertThat(problem(line, WINDOWS_1252)).isNull();
  }

  @Test
  void aMultiByteSequenceCutShortAtTheEndOfTheLineIsReported() {
    byte[] line = {'C', 'a', 'f', (byte) 0xC3};

    assertThat(problem(line, StandardCharsets.UTF_8)).isEqualTo("invalid UTF-8 byte 0xC3");
    assertThat(SourceEncoding.rawText(line, line.length, StandardCharsets.UTF_8))
        .isEqualTo("Caf\\xC3");
  }

  @Test
  void aByteAnEncodingLeavesUndefinedIsReported() {
    byte[] line = {'A', (byte) 0x81, 'B'};

    assertThat(problem(line, WINDOWS_1252)).isEqualTo("invalid windows-1252 byte 0x81");
    assertThat(SourceEncoding.rawText(line, line.length, WINDOWS_1252)).isEqualTo("A\\x81B");
  }

  @Test
  void everyUndecodableByteOfALineIsWrittenOutAndTheRestIsDecoded() {
    byte[] line = {(byte) 0xE9, 't', (byte) 0xC3, (byte) 0xA9, ' ', (byte) 0xFF};

    assertThat(SourceEncoding.rawText(line, line.length, StandardCharsets.UTF_8))
        .isEqualTo("\\xE9t\u00e9 \\xFF");
  }

  @Test
  void onlyTheLineLengthIsChecked() {
    byte[] buffer = {'o', 'k', (byte) 0xE9};

    assertThat(SourceEncoding.problem(buffer, 2, StandardCharsets.UTF_8)).isNull();
  }

  @Test
  void onlyEncodingsWhoseAsciiCharactersAreSingleBytesAreCheckedLineByLine() {
    assertThat(SourceEncoding.lineBased(StandardCharsets.UTF_8)).isTrue();
    assertThat(SourceEncoding.lineBased(StandardCharsets.ISO_8859_1)).isTrue();
    assertThat(SourceEncoding.lineBased(WINDOWS_1252)).isTrue();
    assertThat(SourceEncoding.lineBased(StandardCharsets.UTF_16LE)).isFalse();
  }

  private static String problem(byte[] line, Charset charset) {
    return SourceEncoding.problem(line, line.length, charset);
  }
}

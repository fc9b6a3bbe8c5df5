package org.encours.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CsvOutTest {

  private static String write(CsvWork work) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CsvOut out = new CsvOut(bytes)) {
      work.accept(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  interface CsvWork {
    void accept(CsvOut out) throws IOException;
  }

  @Test
  void amountsHaveExactlyTwoDecimalsAndADot() throws IOException {
    String line =
        write(o -> o.amount(123450).amount(-8000).amount(5).amount(-5).amount(0).endRow());
    assertThat(line).isEqualTo("1234.50,-80.00,0.05,-0.05,0.00\n");
  }

  @Test
  void nullsAreEmptyFields() throws IOException {
    String line = write(o -> o.text("a").amount((Long) null).date(null).text(null).endRow());
    assertThat(line).isEqualTo("a,,,\n");
  }

  @Test
  void datesAreIso() throws IOException {
    assertThat(
            write(o -> o.date(LocalDate.of(2024, 2, 9)).date(LocalDate.of(2026, 10, 31)).endRow()))
        .isEqualTo("2024-02-09,2026-10-31\n");
  }

  @Test
  void idsAreZeroPadded() throws IOException {
    byte[] inv = "INV".getBytes(StandardCharsets.US_ASCII);
    byte[] c = "C".getBytes(StandardCharsets.US_ASCII);
    assertThat(write(o -> o.id(inv, 1, 8).id(c, 1234567, 7).id(inv, 123456789, 8).endRow()))
        .isEqualTo("INV00000001,C1234567,INV123456789\n");
  }

  @Test
  void textIsQuotedOnlyWhenNeededAndWrittenAsUtf8() throws IOException {
    String line =
        write(
            o ->
                o.text("Dubois Bâtiment SARL")
                    .text("Martin, Petit et Associés")
                    .text("Café \"Le Moreau\" SAS")
                    .text("plain")
                    .bool(true)
                    .bool(false)
                    .endRow());
    assertThat(line)
        .isEqualTo(
            "Dubois Bâtiment SARL,\"Martin, Petit et Associés\",\"Café \"\"Le Moreau\"\" SAS\","
                + "plain,true,false\n");
    assertThat(CsvTable.parse(line).get(0))
        .containsExactly(
            "Dubois Bâtiment SARL",
            "Martin, Petit et Associés",
            "Café \"Le Moreau\" SAS",
            "plain",
            "true",
            "false");
  }

  @Test
  void longOutputCrossesTheBufferIntact() throws IOException {
    String text =
        write(
            o -> {
              for (int i = 0; i < 20_000; i++) {
                o.number(i).text("Lefèvre, Vincent").endRow();
              }
            });
    var records = CsvTable.parse(text);
    assertThat(records).hasSize(20_000);
    assertThat(records.get(19_999)).containsExactly("19999", "Lefèvre, Vincent");
  }
}

package org.encours.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.encours.core.UserFacingException;
import org.encours.warehouse.CanonicalTable;
import org.junit.jupiter.api.Test;

class MappingLoaderTest {
  private static final String PAYMENTS_ONLY =
      """
      sources:
        - name: bank
          path: payments.csv
          date_formats: ["dd/MM/yyyy"]
          decimal_separator: ","
          options: {delimiter: ";", encoding: ISO-8859-1}
          tables:
            payments:
              columns:
                payment_id: ref
                invoice_id: invoice
                payment_date: value_date
                amount: amount
      """;

  @Test
  void theBuiltInMappingsLoadAndMapEveryColumnOfWhatTheyFeed() {
    IngestMapping canonical = MappingLoader.load("canonical-csv");
    assertThat(canonical.sources())
        .extracting(SourceMapping::name)
        .containsExactly("customers", "invoices", "payments", "dunning_events");
    assertThat(canonical.sources().get(3).optional()).isTrue();
    IngestMapping ibm = MappingLoader.load("ibm-accounts-receivable");
    TableFeed customers = ibm.sources().get(0).tables().get(0);
    assertThat(customers.table()).isEqualTo(CanonicalTable.CUSTOMERS);
    assertThat(customers.repeatedKeys()).isEqualTo(TableFeed.RepeatedKeys.COLLAPSE);
    assertThat(customers.columns().keySet())
        .containsExactlyElementsOf(CanonicalTable.CUSTOMERS.businessColumns());
  }

  @Test
  void aMappingCarriesReaderOptionsFormatsAndSeparator() {
    SourceMapping bank = MappingLoader.parse(PAYMENTS_ONLY, "test").sources().get(0);
    assertThat(bank.format()).isEqualTo(SourceFormat.CSV);
    assertThat(bank.readerOptions())
        .containsEntry("delimiter", ";")
        .containsEntry("encoding", "ISO-8859-1");
    assertThat(bank.dateFormats()).containsExactly("dd/MM/yyyy");
    assertThat(bank.decimalSeparator()).isEqualTo(',');
  }

  @Test
  void anUnknownKeyIsNamedWithTheKeysThatAreKnown() {
    assertThatThrownBy(
            () -> MappingLoader.parse(PAYMENTS_ONLY.replace("options:", "optoins:"), "m.yaml"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("mapping m.yaml at 'sources[0].optoins': unknown key 'optoins'")
        .hasMessageContaining("decimal_separator, format, name, optional, options, path, tables");
  }

  @Test
  void anUnknownTableOrColumnIsNamed() {
    assertThatThrownBy(
            () ->
                MappingLoader.parse(PAYMENTS_ONLY.replace("payments:\n", "paiements:\n"), "m.yaml"))
        .hasMessageContaining("at 'sources[0].tables.paiements': unknown table 'paiements'");
    assertThatThrownBy(
            () ->
                MappingLoader.parse(
                    PAYMENTS_ONLY.replace("amount: amount", "montant: amount"), "m.yaml"))
        .hasMessageContaining(
            "at 'sources[0].tables.payments.columns.montant': 'montant' is not a column of payments");
  }

  @Test
  void everyCanonicalColumnMustBeMentionedAndRequiredOnesCannotBeNull() {
    assertThatThrownBy(
            () ->
                MappingLoader.parse(
                    PAYMENTS_ONLY.replace("          amount: amount\n", ""), "m.yaml"))
        .hasMessageContaining("at 'sources[0].tables.payments.columns': columns not mapped: amount")
        .hasMessageContaining("set it to null when the source does not have it");
    assertThatThrownBy(
            () ->
                MappingLoader.parse(
                    PAYMENTS_ONLY.replace("amount: amount", "amount: null"), "m.yaml"))
        .hasMessageContaining(
            "at 'sources[0].tables.payments.columns.amount': is required by payments but mapped to null");
  }

  @Test
  void badFormatsPatternsAndSeparatorsFailNamingTheKey() {
    assertThatThrownBy(
            () ->
                MappingLoader.parse(
                    PAYMENTS_ONLY.replace(
                        "path: payments.csv", "path: payments.csv\n    format: xlsx"),
                    "m.yaml"))
        .hasMessageContaining("at 'sources[0].format': unknown format 'xlsx'");
    assertThatThrownBy(
            () ->
                MappingLoader.parse(PAYMENTS_ONLY.replace("dd/MM/yyyy", "dd/MM/yyyyp{"), "m.yaml"))
        .hasMessageContaining("at 'sources[0].date_formats[0]': invalid date pattern");
    assertThatThrownBy(
            () ->
                MappingLoader.parse(
                    PAYMENTS_ONLY.replace("decimal_separator: \",\"", "decimal_separator: \"'\""),
                    "m.yaml"))
        .hasMessageContaining("at 'sources[0].decimal_separator'");
    assertThatThrownBy(() -> MappingLoader.parse("sources: [", "m.yaml"))
        .hasMessageContaining("is not valid YAML");
    assertThatThrownBy(() -> MappingLoader.load("no-such-mapping.yaml"))
        .hasMessageContaining(
            "neither a file nor a built-in mapping (canonical-csv, ibm-accounts-receivable)");
  }

  @Test
  void aYamlSyntaxErrorGivesItsLineAndColumn() {
    // Line 3 is "    path: payments.csv: x": the second colon is the 23rd character.
    assertThatThrownBy(
            () ->
                MappingLoader.parse(
                    PAYMENTS_ONLY.replace("path: payments.csv", "path: payments.csv: x"), "m.yaml"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining(
            "Mapping m.yaml is not valid YAML at line 3, column 23: mapping values are not allowed"
                + " here");
  }

  @Test
  void yamlAnchorsAndAliasesAreRefusedNamingTheirLine() {
    // payment_id is on line 10 of the mapping, invoice_id on line 11.
    assertThatThrownBy(
            () ->
                MappingLoader.parse(
                    PAYMENTS_ONLY
                        .replace("payment_id: ref", "payment_id: &r ref")
                        .replace("invoice_id: invoice", "invoice_id: *r"),
                    "m.yaml"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("Mapping m.yaml uses a YAML anchor '&r' at line 10, column 23")
        .hasMessageContaining("anchors and aliases are not supported in mappings");
    assertThatThrownBy(
            () ->
                MappingLoader.parse(
                    PAYMENTS_ONLY.replace("invoice_id: invoice", "invoice_id: *ref"), "m.yaml"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("Mapping m.yaml uses a YAML alias '*ref' at line 11, column 23");
  }

  @Test
  void anUnknownEncodingIsNamed() {
    assertThatThrownBy(
            () ->
                MappingLoader.parse(
                    PAYMENTS_ONLY.replace("encoding: ISO-8859-1", "encoding: UTF-9"), "m.yaml"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining(
            "at 'sources[0].options.encoding': unknown encoding 'UTF-9'. Use a Java charset name");
  }

  @Test
  void theEncodingIsUtf8UnlessDeclared() {
    assertThat(MappingLoader.parse(PAYMENTS_ONLY, "m.yaml").sources().get(0).encoding().name())
        .isEqualTo("ISO-8859-1");
    assertThat(
            MappingLoader.parse(PAYMENTS_ONLY.replace(", encoding: ISO-8859-1", ""), "m.yaml")
                .sources()
                .get(0)
                .encoding()
                .name())
        .isEqualTo("UTF-8");
  }
}

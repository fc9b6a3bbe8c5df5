package org.encours.scoring.prospect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.encours.core.UserFacingException;
import org.encours.core.cli.EncoursCli;
import org.encours.core.cli.Progress;
import org.encours.core.prospect.Prospect;
import org.encours.core.prospect.ProspectModelCard;
import org.encours.core.prospect.ProspectModelFolder;
import org.encours.core.prospect.ProspectScore;
import org.encours.core.prospect.ProspectScorer;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command through the real entry point on a small seeded ledger in Delta (testing the
 * machinery, not accuracy), then the job again: same seed, same model.
 */
class ProspectJobTest {
  static Warehouse warehouse;

  /**
   * 300 customers, each with a first invoice between 2024-01-01 and 2025-06-30 and two more 60 and
   * 120 days later; construction customers pay 45 days late half of the time, others 15 % of the
   * time; 5 % never pay.
   */
  @BeforeAll
  static void ledger() {
    warehouse = SharedSpark.newWarehouse();
    SplittableRandom rng = new SplittableRandom(3);
    List<Row> customers = new ArrayList<>();
    List<Row> invoices = new ArrayList<>();
    List<Row> payments = new ArrayList<>();
    String[] sectors = {"construction", "retail", "it_services"};
    String[] sizes = {"micro", "small", "large"};
    LocalDate start = LocalDate.of(2024, 1, 1);
    for (int c = 0; c < 300; c++) {
      String id = String.format("C%04d", c);
      String sector = sectors[rng.nextInt(3)];
      LocalDate first = start.plusDays(rng.nextInt(547));
      customers.add(
          RowFactory.create(
              id,
              id,
              rng.nextBoolean() ? "FR" : "DE",
              sector,
              sizes[rng.nextInt(3)],
              Date.valueOf(first.minusDays(rng.nextInt(2000))),
              null,
              null,
              30,
              "test"));
      for (int k = 0; k < 3; k++) {
        String inv = id + "-" + k;
        LocalDate issue = first.plusDays(60L * k);
        LocalDate due = issue.plusDays(30);
        BigDecimal amount = BigDecimal.valueOf(100 + rng.nextInt(5000)).setScale(2);
        invoices.add(
            RowFactory.create(
                inv,
                id,
                Date.valueOf(issue),
                Date.valueOf(due),
                amount,
                "EUR",
                "invoice",
                rng.nextInt(4) == 0 ? "paper" : "electronic",
                false,
                null,
                "NET30",
                "test"));
        double u = rng.nextDouble();
        if (u < 0.05) {
          continue; // never paid
        }
        boolean late = rng.nextDouble() < (sector.equals("construction") ? 0.5 : 0.15);
        payments.add(
            RowFactory.create(
                "P" + inv,
                inv,
                Date.valueOf(late ? due.plusDays(45) : due.minusDays(2)),
                amount,
                "test"));
      }
    }
    SharedSpark.session()
        .createDataFrame(customers, CanonicalTable.CUSTOMERS.storedSchema())
        .write()
        .format("delta")
        .save(warehouse.path(CanonicalTable.CUSTOMERS));
    SharedSpark.session()
        .createDataFrame(invoices, CanonicalTable.INVOICES.storedSchema())
        .write()
        .format("delta")
        .save(warehouse.path(CanonicalTable.INVOICES));
    SharedSpark.session()
        .createDataFrame(payments, CanonicalTable.PAYMENTS.storedSchema())
        .write()
        .format("delta")
        .save(warehouse.path(CanonicalTable.PAYMENTS));
  }

  @Test
  void theCommandWritesAFolderTheScorerLoadsAndTheJobIsDeterministic() {
    Path out = SharedSpark.tempDir("prospects");
    StringWriter stdout = new StringWriter();
    picocli.CommandLine cli = EncoursCli.commandLine();
    cli.setOut(new PrintWriter(stdout));
    int code =
        cli.execute(
            "train-prospects",
            "--warehouse",
            warehouse.root(),
            "--master",
            "local[2]",
            "--as-of",
            "2025-12-31",
            "--out",
            out.toString(),
            "--burn-in-days",
            "0",
            "--min-peer-invoices",
            "0");
    assertThat(code).isZero();
    assertThat(stdout.toString())
        .startsWith("train-prospects as of 2025-12-31 (T=30): prospect-2025-12-31-")
        .contains("from 300 first invoices");

    ProspectScorer scorer = ProspectScorer.load(out, p -> p < 0.2 ? "C" : "E");
    ProspectModelCard card = scorer.card();
    assertThat(card.dataVersions())
        .containsEntry("invoices", 0L)
        .containsEntry("payments", 0L)
        .containsEntry("customers", 0L);
    assertThat(card.counts()).containsEntry("used", 300L);
    assertThat(card.peers().global().invoices())
        .isEqualTo(900L); // every invoice's outcome is known by 2025-12-31
    ProspectScore s =
        scorer.score(
            new Prospect(
                "FR",
                "construction",
                "micro",
                null,
                2.0,
                new BigDecimal("1000"),
                30,
                "paper",
                LocalDate.of(2026, 1, 5)));
    assertThat(s.modelVersion()).isEqualTo(card.modelVersion());
    assertThat(s.reasons()).isNotEmpty();

    Path again = SharedSpark.tempDir("prospects-again");
    TrainProspectsJob.Result second =
        new TrainProspectsJob(warehouse, Progress.silent("test"))
            .asOf(LocalDate.of(2025, 12, 31))
            .out(again)
            .burnInDays(0)
            .minPeerInvoices(0)
            .run();
    ProspectModelCard card2 = ProspectModelFolder.readCard(again);
    assertThat(card2.coefficients()).isEqualTo(card.coefficients());
    assertThat(card2.calibration()).isEqualTo(card.calibration());
    assertThat(second.metrics()).isEqualTo(card.metrics());
  }

  @Test
  void badArgumentsNameTheOptionBeforeSparkStarts() {
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = EncoursCli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("train-prospects", "--as-of", "2025-02-30", "--out", "x"))
        .isEqualTo(UserFacingException.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--as-of").contains("2025-02-30");
    cli = EncoursCli.commandLine();
    StringWriter err2 = new StringWriter();
    cli.setErr(new PrintWriter(err2));
    assertThat(
            cli.execute(
                "train-prospects", "--as-of", "2025-01-31", "--out", "x", "--late-days", "120"))
        .isEqualTo(UserFacingException.EXIT_BAD_INPUT);
    assertThat(err2.toString()).contains("--late-days");
  }
}

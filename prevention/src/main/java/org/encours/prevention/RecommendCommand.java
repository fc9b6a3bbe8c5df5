package org.encours.prevention;

import java.time.LocalDate;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.EncoursCommand;
import org.encours.core.cli.Progress;
import org.encours.core.policy.Policy;
import org.encours.warehouse.SparkOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code encours recommend}: recommendations per customer and dunning plans per open invoice. */
@Command(
    name = "recommend",
    mixinStandardHelpOptions = true,
    description = {
      "Applies the prevention policy as of a date: writes 'recommendations' (per customer: deposit,",
      "credit limit, maximum terms, reminder ladder, flags, reasons) and 'dunning_plan' (per open",
      "invoice: next action, its date and channel, amount due with statutory penalties and the",
      "EUR 40 indemnity, limitation date). Needs the customer scores of that date (encours score)."
    },
    footer = {
      "",
      "Policy keys and legal rules: docs/policy.md. Example: encours recommend --as-of 2026-10-31"
    })
public final class RecommendCommand implements EncoursCommand {
  @Mixin SparkOptions spark;

  @Option(
      names = "--as-of",
      required = true,
      paramLabel = "DATE",
      description = "Date of the recommendations, YYYY-MM-DD.")
  String asOf;

  @Mixin PolicyOptions policyOptions;

  @Override
  public Integer call() {
    LocalDate date = EncoursErrors.parseDate("--as-of", asOf);
    Policy policy = policyOptions.policy(); // fails before Spark starts
    String homeCountry = policyOptions.homeCountry();
    Progress progress = Progress.toStderr("recommend");
    RecommendJob.Result result =
        new RecommendJob(spark.openWarehouse("encours recommend"), policy, progress)
            .homeCountry(homeCountry)
            .run(date);
    System.out.println(result.summary());
    return 0;
  }
}

package org.encours.prevention;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.encours.core.legal.InvoiceFacts;
import org.encours.core.policy.CustomerRisk;
import org.encours.core.policy.DunningAction;
import org.encours.core.policy.DunningPlan;
import org.encours.core.policy.DunningStep;
import org.encours.core.policy.LadderStep;
import org.encours.core.policy.Policy;
import org.encours.core.policy.Recommendation;

/**
 * The policy applied row by row on executors: named static classes holding the (serializable)
 * policy and the as-of date, so that nothing else is captured.
 */
final class PolicyFunctions {
  private PolicyFunctions() {}

  /** The stage names dunning tools write, mapped to the policy's actions; others are ignored. */
  static DunningAction action(String stage) {
    if (stage == null) {
      return null;
    }
    return switch (stage.toLowerCase(Locale.ROOT)) {
      case "pre_due_reminder" -> DunningAction.PRE_DUE_REMINDER;
      case "reminder_1" -> DunningAction.REMINDER_1;
      case "reminder_2" -> DunningAction.REMINDER_2;
      case "registered_letter" -> DunningAction.REGISTERED_LETTER;
      case "formal_notice" -> DunningAction.FORMAL_NOTICE;
      default -> null;
    };
  }

  static String key(Enum<?> value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }

  /** The recommendation's yes/no outcomes as words, for tools that filter on them. */
  static List<String> flags(Recommendation rec) {
    List<String> flags = new ArrayList<>();
    if (rec.blockOrders()) {
      flags.add("block_orders");
    }
    if (rec.reviewLimit()) {
      flags.add("review_limit");
    }
    if (rec.prospect()) {
      flags.add("no_score");
    }
    return flags;
  }

  /** Array columns of rows built for an encoder are Scala sequences. */
  static <T> scala.collection.Seq<T> seq(List<T> values) {
    return scala.collection.JavaConverters.asScalaBuffer(values).toSeq();
  }

  static Date sql(LocalDate date) {
    return date == null ? null : Date.valueOf(date);
  }

  static LocalDate local(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? null : row.getDate(i).toLocalDate();
  }

  /** The policy and the date, applied to each row of a partition by {@link #apply}. */
  abstract static class PolicyPerRow implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    final Policy policy;
    final LocalDate asOf;

    PolicyPerRow(Policy policy, LocalDate asOf) {
      this.policy = policy;
      this.asOf = asOf;
    }

    abstract Row apply(Row input);

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return input.hasNext();
        }

        @Override
        public Row next() {
          return apply(input.next());
        }
      };
    }
  }

  /**
   * Input: customer_id, probability (null when unscored), model_version, open_exposure,
   * average_monthly_sales, insured_limit, customer_since, max_days_overdue. Output: {@link
   * PreventionSchemas#RECOMMENDATION}.
   */
  static final class Recommend extends PolicyPerRow {
    private static final long serialVersionUID = 1L;

    Recommend(Policy policy, LocalDate asOf) {
      super(policy, asOf);
    }

    @Override
    Row apply(Row r) {
      String customer = r.getAs("customer_id");
      Double probability =
          r.isNullAt(r.fieldIndex("probability")) ? null : r.<Double>getAs("probability");
      BigDecimal exposure = r.getAs("open_exposure");
      BigDecimal insured = r.getAs("insured_limit");
      CustomerRisk risk =
          probability == null
              ? new CustomerRisk(
                  customer,
                  true,
                  null,
                  null,
                  exposure,
                  null,
                  insured,
                  local(r, "customer_since"),
                  r.<Integer>getAs("max_days_overdue"),
                  asOf)
              : CustomerRisk.known(
                  customer,
                  probability,
                  exposure,
                  r.getAs("average_monthly_sales"),
                  insured,
                  local(r, "customer_since"),
                  r.<Integer>getAs("max_days_overdue"),
                  asOf);
      Recommendation rec = policy.recommend(risk);
      List<Row> ladder = new ArrayList<>();
      for (LadderStep step : rec.ladder().steps()) {
        ladder.add(
            RowFactory.create(step.label(), step.day(), key(step.action()), step.channel().key()));
      }
      return RowFactory.create(
          customer,
          sql(asOf),
          probability != null,
          rec.grade(),
          rec.probability(),
          rec.deposit().share(),
          rec.deposit().requiredAboveEur(),
          rec.creditLimit(),
          rec.openExposure(),
          rec.maxTermsDays(),
          rec.ladder().name(),
          seq(ladder),
          rec.blockOrders(),
          rec.reviewLimit(),
          seq(flags(rec)),
          seq(rec.reasons()),
          policy.origin(),
          r.getAs("model_version"));
    }
  }

  /**
   * Input: invoice_id, customer_id, issue_date, due_date, amount, payments (array of payment_date,
   * amount), cross_border, probability, customer_since, last_stage, model_version, days_past_due.
   * Output: {@link PreventionSchemas#DUNNING_PLAN}.
   */
  static final class Plan extends PolicyPerRow {
    private static final long serialVersionUID = 1L;

    Plan(Policy policy, LocalDate asOf) {
      super(policy, asOf);
    }

    @Override
    Row apply(Row r) {
      InvoiceFacts facts =
          InvoiceFacts.unpaid(
              r.getAs("invoice_id"),
              local(r, "issue_date"),
              local(r, "due_date"),
              r.getAs("amount"));
      List<Row> payments = r.getList(r.fieldIndex("payments"));
      for (Row p : payments) {
        facts = facts.withPayment(p.getDate(0).toLocalDate(), p.getDecimal(1));
      }
      if (r.<Boolean>getAs("cross_border")) {
        facts =
            new InvoiceFacts(
                facts.invoiceId(),
                facts.issueDate(),
                facts.dueDate(),
                facts.amount(),
                facts.payments(),
                true);
      }
      Double probability =
          r.isNullAt(r.fieldIndex("probability")) ? null : r.<Double>getAs("probability");
      String grade = probability == null ? null : policy.grades().gradeFor(probability);
      DunningPlan plan =
          policy.plan(
              facts, grade, local(r, "customer_since"), action(r.getAs("last_stage")), asOf);
      List<Row> steps = new ArrayList<>();
      for (DunningStep s : plan.steps()) {
        steps.add(
            RowFactory.create(
                key(s.action()),
                sql(s.date()),
                s.channel().key(),
                key(s.status()),
                sql(s.paymentDeadline()),
                s.reason()));
      }
      DunningStep next = plan.next().orElse(null);
      return RowFactory.create(
          facts.invoiceId(),
          r.getAs("customer_id"),
          sql(asOf),
          grade,
          plan.ladder(),
          next == null ? null : key(next.action()),
          next == null ? null : sql(next.date()),
          next == null ? null : next.channel().key(),
          next == null ? null : sql(next.paymentDeadline()),
          plan.amountDue().outstanding(),
          plan.amountDue().penaltyAmount(),
          plan.amountDue().recoveryIndemnity(),
          plan.amountDue().total(),
          sql(plan.penaltiesFrom()),
          (long) r.<Integer>getAs("days_past_due"),
          sql(plan.limitation().limitationDate()),
          key(plan.limitation().status()),
          seq(steps),
          seq(plan.notes()),
          policy.origin(),
          r.getAs("model_version"));
    }
  }
}

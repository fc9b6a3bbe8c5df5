package org.encours.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.encours.core.config.ConfigNode;
import org.encours.core.config.LayeredYaml;
import org.encours.core.legal.AmountDue;
import org.encours.core.legal.InvoiceFacts;
import org.encours.core.legal.LegalRules;
import org.encours.core.legal.LimitationCheck;
import org.encours.core.legal.LimitationStatus;

/**
 * The prevention policy: grade bands, deposits, credit limits, payment terms, reminder ladders and
 * escalation, loaded from {@code default-policy.yaml} and an optional override file (its keys
 * replace the default's; maps merge, lists replace whole), validated on load against the legal
 * rules. Immutable, serializable and thread-safe; every decision is a pure function returning a
 * record with its reasons.
 *
 * <pre>{@code
 * Policy policy = Policy.load(Path.of("my-policy.yaml"));
 * Recommendation r = policy.recommend(CustomerRisk.known("C42", 0.27, exposure, monthlySales, null, since, 0, today));
 * QuoteCheck q = policy.checkQuote(CustomerRisk.prospect("P7", null, today), new BigDecimal("12000"), 45);
 * DunningPlan plan = policy.plan(invoice, "D", since, null, today);
 * }</pre>
 *
 * A validation error names the file and the key: {@code Invalid configuration in policy my.yaml at
 * 'deposits.grades.E.share': 1.5 is above 1. Use a share between 0 and 1 (0.30 means 30 %).}
 */
public final class Policy implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String RESOURCE = "/org/encours/core/policy/default-policy.yaml";
  private static final List<String> GRADES = GradeBands.GRADES;
  private static final BigDecimal ONE = BigDecimal.ONE;
  private static final BigDecimal ZERO = BigDecimal.ZERO;
  private static final String FIX_SHARE = "Use a share between 0 and 1 (0.30 means 30 %).";
  private static final String FIX_EUR = "Use an amount in EUR, 0 or more.";

  private final String origin;
  private final LegalRules legal;
  private final GradeBands grades;
  private final Map<String, DepositRule> deposits;
  private final DepositRule prospectDeposit;
  private final Map<String, BigDecimal> monthsOfSales;
  private final BigDecimal prospectLimit;
  private final boolean capAtInsuredLimit;
  private final BigDecimal roundDownTo;
  private final BigDecimal reviewAtShare;
  private final boolean blockAboveLimit;
  private final Map<String, Integer> maxTermsDays;
  private final int prospectMaxTermsDays;
  private final Map<String, ReminderLadder> ladders;
  private final Map<String, String> ladderByGrade;
  private final String prospectLadder;
  private final String softLadder;
  private final Set<String> softGrades;
  private final int softAfterYears;
  private final BigDecimal collectionAgencyFrom;
  private final int agencyDays;
  private final int blockOrdersOverdueDays;

  // ---------------------------------------------------------------- loading and validation

  private Policy(ConfigNode root, LegalRules legal) {
    this.origin = root.origin();
    this.legal = legal;
    root.allowOnly(
        "grades", "deposits", "credit_limit", "payment_terms", "reminders", "escalation");

    ConfigNode g = gradeMap(root, "grades");
    double[] bounds = new double[GRADES.size()];
    for (int i = 0; i < GRADES.size(); i++) {
      String grade = GRADES.get(i);
      BigDecimal bound =
          g.decimal(
              grade, ZERO, ONE, "Use a probability between 0 and 1 as the grade's upper bound.");
      if (bound.signum() == 0) {
        throw g.error(grade, "0 leaves the grade empty", "Use an upper bound above 0.");
      }
      if (i > 0 && bound.doubleValue() <= bounds[i - 1]) {
        throw g.error(
            grade,
            Words.number(bound)
                + " is not above grade "
                + GRADES.get(i - 1)
                + "'s "
                + bounds[i - 1],
            "Bands must increase from A (best) to E (worst).");
      }
      bounds[i] = bound.doubleValue();
    }
    if (bounds[4] != 1.0) {
      throw g.error(
          "E", bounds[4] + " leaves probabilities above it without a grade", "Set E to 1.0.");
    }
    this.grades = new GradeBands(bounds[0], bounds[1], bounds[2], bounds[3], bounds[4]);

    ConfigNode dep = root.map("deposits").allowOnly("grades", "prospect");
    ConfigNode depGrades = gradeMap(dep, "grades");
    Map<String, DepositRule> depositRules = new LinkedHashMap<>();
    for (String grade : GRADES) {
      depositRules.put(grade, depositRule(depGrades.map(grade)));
    }
    this.deposits = Map.copyOf(depositRules);
    this.prospectDeposit = depositRule(dep.map("prospect"));

    ConfigNode limit =
        root.map("credit_limit")
            .allowOnly(
                "months_of_sales",
                "prospect_limit_eur",
                "cap_at_insured_limit",
                "round_down_to_eur",
                "review_at_share",
                "block_above_limit");
    ConfigNode months = gradeMap(limit, "months_of_sales");
    Map<String, BigDecimal> monthsByGrade = new LinkedHashMap<>();
    BigDecimal previousMonths = null;
    for (String grade : GRADES) {
      BigDecimal m =
          months.decimal(
              grade,
              ZERO,
              BigDecimal.valueOf(120),
              "Use a number of months of average sales, 0 to 120 (0 = no credit).");
      if (previousMonths != null && m.compareTo(previousMonths) > 0) {
        throw months.error(
            grade,
            Words.number(m) + " is more than the better grade's " + Words.number(previousMonths),
            "A worse grade may not get a larger limit: lower it or raise the better grades.");
      }
      previousMonths = m;
      monthsByGrade.put(grade, m);
    }
    this.monthsOfSales = Map.copyOf(monthsByGrade);
    this.prospectLimit = limit.decimal("prospect_limit_eur", ZERO, null, FIX_EUR);
    this.capAtInsuredLimit = limit.bool("cap_at_insured_limit");
    this.roundDownTo =
        limit.decimal(
            "round_down_to_eur", ZERO, null, "Use an amount in EUR such as 100 (0 = no rounding).");
    this.reviewAtShare = limit.decimal("review_at_share", ZERO, ONE, FIX_SHARE);
    this.blockAboveLimit = limit.bool("block_above_limit");

    int cap = legal.paymentTermsCap().maxDaysFromInvoice();
    String fixTerms =
        "The legal cap is "
            + cap
            + " days from the invoice date (Code de commerce L441-10 I): use 0 to "
            + cap
            + " days.";
    ConfigNode terms = root.map("payment_terms").allowOnly("max_days", "prospect_max_days");
    ConfigNode termDays = gradeMap(terms, "max_days");
    Map<String, Integer> termsByGrade = new LinkedHashMap<>();
    Integer previousTerms = null;
    for (String grade : GRADES) {
      int days = termDays.integer(grade, 0, cap, fixTerms);
      if (previousTerms != null && days > previousTerms) {
        throw termDays.error(
            grade,
            days + " days is longer than the better grade's " + previousTerms,
            "A worse grade may not get longer terms: shorten it or lengthen the better grades.");
      }
      previousTerms = days;
      termsByGrade.put(grade, days);
    }
    this.maxTermsDays = Map.copyOf(termsByGrade);
    this.prospectMaxTermsDays = terms.integer("prospect_max_days", 0, cap, fixTerms);

    ConfigNode rem = root.map("reminders").allowOnly("ladders", "by_grade", "prospect", "soft");
    ConfigNode ladderMap = rem.map("ladders");
    Map<String, ReminderLadder> ladderByName = new LinkedHashMap<>();
    for (String name : ladderMap.keys()) {
      ladderByName.put(name, ladder(name, ladderMap.list(name)));
    }
    if (ladderByName.isEmpty()) {
      throw rem.error("ladders", "no ladder defined", "Define at least one ladder, e.g. standard.");
    }
    this.ladders = Map.copyOf(ladderByName);
    ConfigNode byGrade = gradeMap(rem, "by_grade");
    Map<String, String> ladderOfGrade = new LinkedHashMap<>();
    for (String grade : GRADES) {
      ladderOfGrade.put(grade, ladderName(byGrade, grade));
    }
    this.ladderByGrade = Map.copyOf(ladderOfGrade);
    this.prospectLadder = ladderName(rem, "prospect");
    if (rem.isNull("soft")) {
      this.softLadder = null;
      this.softGrades = Set.of();
      this.softAfterYears = 0;
    } else {
      ConfigNode soft = rem.map("soft").allowOnly("ladder", "grades", "customer_for_years");
      this.softLadder = ladderName(soft, "ladder");
      Set<String> sg = new LinkedHashSet<>();
      List<String> listed = soft.texts("grades");
      for (int i = 0; i < listed.size(); i++) {
        if (!GRADES.contains(listed.get(i))) {
          throw soft.error(
              "grades[" + i + "]",
              "unknown grade '" + listed.get(i) + "'",
              "Grades are A, B, C, D and E.");
        }
        sg.add(listed.get(i));
      }
      this.softGrades = Set.copyOf(sg);
      this.softAfterYears =
          soft.integer("customer_for_years", 0, 100, "Use a number of years, e.g. 3.");
    }

    ConfigNode esc =
        root.map("escalation")
            .allowOnly("collection_agency_from_eur", "agency_days", "block_orders_overdue_days");
    this.collectionAgencyFrom =
        esc.optionalDecimal(
            "collection_agency_from_eur", ZERO, null, FIX_EUR + " Or null for never.");
    this.agencyDays = esc.integer("agency_days", 0, 365, "Use a number of days, e.g. 30.");
    this.blockOrdersOverdueDays =
        esc.integer(
            "block_orders_overdue_days", 0, 3650, "Use a number of days past due, e.g. 30.");
  }

  private static ConfigNode gradeMap(ConfigNode parent, String key) {
    return parent
        .map(key)
        .allowOnly(GRADES.toArray(String[]::new))
        .requireAll(GRADES, "Give a value for every grade A, B, C, D and E.");
  }

  private static DepositRule depositRule(ConfigNode node) {
    node.allowOnly("share", "required_above_eur");
    return new DepositRule(
        node.decimal("share", ZERO, ONE, FIX_SHARE),
        node.optionalDecimal(
            "required_above_eur", ZERO, null, FIX_EUR + " Or null for never required."));
  }

  private String ladderName(ConfigNode node, String key) {
    String name = node.text(key);
    if (!ladders.containsKey(name)) {
      throw node.error(
          key,
          "unknown ladder '" + name + "'",
          "Ladders defined under reminders.ladders: " + ConfigNode.sorted(ladders.keySet()) + ".");
    }
    return name;
  }

  private static ReminderLadder ladder(String name, List<ConfigNode> items) {
    List<LadderStep> steps = new ArrayList<>();
    Integer previousDay = null;
    for (ConfigNode item : items) {
      item.allowOnly("day", "action", "channel", "deadline_days", "note");
      int day =
          item.integer(
              "day", -60, 365, "Use days relative to the due date, -60 to 365 (J-5 is -5).");
      if (previousDay != null && day <= previousDay) {
        throw item.error(
            "day",
            day + " is not after the previous step's day " + previousDay,
            "List a ladder's steps in strictly increasing day order.");
      }
      previousDay = day;
      DunningAction action = enumValue(item, "action", DunningAction.class);
      if (!action.isLadderStep()) {
        throw item.error(
            "action",
            "'" + action.key() + "' is chosen by escalation, not listed in a ladder",
            "Use pre_due_reminder, reminder_1, reminder_2, registered_letter or formal_notice.");
      }
      if (action == DunningAction.PRE_DUE_REMINDER ? day > 0 : day < 0) {
        throw item.error(
            "day",
            action == DunningAction.PRE_DUE_REMINDER
                ? day + " is after the due date"
                : day + " is before the due date",
            "Only pre_due_reminder comes before the due date (day 0 or less); every other step on or after it.");
      }
      Channel channel = enumValue(item, "channel", Channel.class);
      Integer deadline = null;
      if (action == DunningAction.FORMAL_NOTICE) {
        deadline =
            item.integer(
                "deadline_days", 8, 15, "A formal notice gives the debtor 8 to 15 days to pay.");
      } else if (item.has("deadline_days")) {
        throw item.error(
            "deadline_days",
            "only a formal_notice step has a deadline",
            "Remove it or move it to the formal_notice step.");
      }
      String note = item.isNull("note") ? "" : item.text("note");
      steps.add(new LadderStep(day, action, channel, deadline, note));
    }
    if (steps.get(steps.size() - 1).action() != DunningAction.FORMAL_NOTICE
        || steps.stream().filter(s -> s.action() == DunningAction.FORMAL_NOTICE).count() != 1) {
      throw items
          .get(items.size() - 1)
          .error(
              "action",
              "ladder '" + name + "' must end with its one formal_notice step",
              "End the ladder with a formal_notice (mise en demeure): it is the step before any court action.");
    }
    return new ReminderLadder(name, steps);
  }

  private static <E extends Enum<E>> E enumValue(ConfigNode node, String key, Class<E> type) {
    String text = node.text(key);
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> known = new ArrayList<>();
      for (E value : type.getEnumConstants()) {
        known.add(value.name().toLowerCase(Locale.ROOT));
      }
      throw node.error(
          key,
          "unknown " + key + " '" + text + "'",
          "Use one of: " + String.join(", ", known) + ".");
    }
  }

  private static final class Defaults {
    static final Policy INSTANCE = build(null, "default policy", LegalRules.defaults());
  }

  private static Policy build(JsonNode override, String origin, LegalRules legal) {
    JsonNode merged = LayeredYaml.merge(LayeredYaml.resource(Policy.class, RESOURCE), override);
    return new Policy(ConfigNode.root(origin, merged), legal);
  }

  /** The shipped default policy (loaded and validated once). */
  public static Policy defaults() {
    return Defaults.INSTANCE;
  }

  /** Same as {@link #defaults()}. */
  public static Policy load() {
    return defaults();
  }

  /**
   * The default policy with {@code override}'s keys laid over it, checked against the default legal
   * rules.
   */
  public static Policy load(Path override) {
    return load(override, LegalRules.defaults());
  }

  /**
   * The default policy with {@code override}'s keys laid over it, checked against {@code legal}.
   */
  public static Policy load(Path override, LegalRules legal) {
    return build(LayeredYaml.file(override, "policy"), "policy " + override.getFileName(), legal);
  }

  /**
   * The default policy with override YAML text laid over it; {@code origin} names it in messages.
   */
  public static Policy fromOverrideText(String yaml, String origin, LegalRules legal) {
    return build(LayeredYaml.parse(yaml, origin), origin, legal);
  }

  // ---------------------------------------------------------------- the rules, read-only

  /** Where this policy came from: "default policy" or "policy my.yaml" (provenance). */
  public String origin() {
    return origin;
  }

  public LegalRules legal() {
    return legal;
  }

  public GradeBands grades() {
    return grades;
  }

  /** The deposit rule of a grade, or of prospects when {@code grade} is null. */
  public DepositRule deposit(String grade) {
    return grade == null ? prospectDeposit : deposits.get(checkGrade(grade));
  }

  /** Months of average monthly sales granted as credit to a grade. */
  public BigDecimal monthsOfSales(String grade) {
    return monthsOfSales.get(checkGrade(grade));
  }

  /** The longest terms (days net) of a grade, or of prospects when {@code grade} is null. */
  public int maxTermsDays(String grade) {
    return grade == null ? prospectMaxTermsDays : maxTermsDays.get(checkGrade(grade));
  }

  public Map<String, ReminderLadder> ladders() {
    return ladders;
  }

  /** Days past due beyond which new orders are blocked. */
  public int blockOrdersOverdueDays() {
    return blockOrdersOverdueDays;
  }

  private static String checkGrade(String grade) {
    if (!GRADES.contains(grade)) {
      throw new IllegalArgumentException("unknown grade '" + grade + "': grades are A to E");
    }
    return grade;
  }

  // ---------------------------------------------------------------- decisions

  /**
   * The ladder for a grade (null: prospect), soft for long-standing customers of the soft grades.
   */
  public ReminderLadder ladderFor(String grade, LocalDate customerSince, LocalDate asOf) {
    return ladders.get(ladderNameFor(grade, customerSince, asOf));
  }

  private String ladderNameFor(String grade, LocalDate customerSince, LocalDate asOf) {
    if (grade == null) {
      return prospectLadder;
    }
    if (isSoft(grade, customerSince, asOf)) {
      return softLadder;
    }
    return ladderByGrade.get(checkGrade(grade));
  }

  private boolean isSoft(String grade, LocalDate customerSince, LocalDate asOf) {
    return softLadder != null
        && softGrades.contains(grade)
        && customerSince != null
        && !customerSince.plusYears(softAfterYears).isAfter(asOf);
  }

  private String gradeOf(CustomerRisk risk) {
    if (risk.grade() != null) {
      return checkGrade(risk.grade());
    }
    return risk.probability() == null ? null : grades.gradeFor(risk.probability());
  }

  /** Deposit, credit limit, terms, ladder and flags for a customer, with the reasons. */
  public Recommendation recommend(CustomerRisk risk) {
    String grade = gradeOf(risk);
    String ruleGrade = risk.prospect() ? null : grade;
    String who = risk.prospect() ? "prospect (no payment history)" : "grade " + grade;
    List<String> reasons = new ArrayList<>();

    DepositRule deposit = deposit(ruleGrade);
    reasons.add(depositReason(deposit, who));

    BigDecimal limit = creditLimit(risk, ruleGrade, who, reasons);

    int terms = maxTermsDays(ruleGrade);
    reasons.add(
        terms == 0
            ? "payment with the order (no credit terms): " + who
            : "payment terms at most " + terms + " days from the invoice date: " + who);

    String ladderName = ladderNameFor(ruleGrade, risk.customerSince(), risk.asOf());
    reasons.add(
        ladderName.equals(softLadder) && !risk.prospect()
            ? "reminders: "
                + ladderName
                + " ladder: "
                + who
                + ", customer since "
                + risk.customerSince()
                + " (at least "
                + softAfterYears
                + " years)"
            : "reminders: " + ladderName + " ladder: " + who);

    boolean block = false;
    if (risk.maxDaysOverdue() > blockOrdersOverdueDays) {
      block = true;
      reasons.add(
          "block new orders: an invoice is "
              + risk.maxDaysOverdue()
              + " days overdue (the policy blocks beyond "
              + blockOrdersOverdueDays
              + " days)");
    }
    BigDecimal exposure = risk.openExposure();
    boolean review = false;
    if (exposure.compareTo(limit) > 0) {
      if (blockAboveLimit) {
        block = true;
        reasons.add(
            "block new orders: open exposure "
                + Words.eur(exposure)
                + " is above the credit limit "
                + Words.eur(limit));
      } else {
        review = true;
        reasons.add(
            "review the limit: open exposure "
                + Words.eur(exposure)
                + " is above the credit limit "
                + Words.eur(limit));
      }
    } else if (limit.signum() > 0 && exposure.compareTo(limit.multiply(reviewAtShare)) >= 0) {
      review = true;
      reasons.add(
          "review the limit: open exposure "
              + Words.eur(exposure)
              + " is "
              + exposure.multiply(BigDecimal.valueOf(100)).divide(limit, 0, RoundingMode.HALF_UP)
              + " % of the credit limit "
              + Words.eur(limit)
              + " (review from "
              + Words.percent(reviewAtShare)
              + ")");
    }
    return new Recommendation(
        risk.customerId(),
        risk.asOf(),
        origin,
        grade,
        risk.probability(),
        risk.prospect(),
        deposit,
        limit,
        exposure,
        terms,
        ladders.get(ladderName),
        block,
        review,
        reasons);
  }

  private static String depositReason(DepositRule rule, String who) {
    if (rule.share().signum() == 0) {
      return "no deposit: " + who;
    }
    String share = "deposit " + Words.percent(rule.share());
    if (rule.requiredAboveEur() == null) {
      return share + " recommended on quotes, never required: " + who;
    }
    if (rule.requiredAboveEur().signum() == 0) {
      return share + " required on every quote: " + who;
    }
    return share
        + " required on quotes above "
        + Words.eur(rule.requiredAboveEur())
        + ", recommended below: "
        + who;
  }

  private BigDecimal creditLimit(
      CustomerRisk risk, String ruleGrade, String who, List<String> reasons) {
    BigDecimal limit;
    String reason;
    if (ruleGrade == null) {
      limit = prospectLimit;
      reason = "credit limit " + Words.eur(limit) + ": starting limit for a " + who;
    } else {
      BigDecimal months = monthsOfSales.get(ruleGrade);
      BigDecimal sales = risk.averageMonthlySales() == null ? ZERO : risk.averageMonthlySales();
      if (months.signum() == 0) {
        limit = ZERO;
        reason = "no credit (limit EUR 0): " + who + " gets 0 months of sales";
      } else {
        limit = roundDown(sales.multiply(months));
        reason =
            "credit limit "
                + Words.eur(limit)
                + ": "
                + Words.number(months)
                + " months of average monthly sales "
                + Words.eur(sales)
                + " ("
                + who
                + ")";
      }
    }
    BigDecimal insured = risk.insuredLimit();
    if (capAtInsuredLimit && insured != null && insured.compareTo(limit) < 0) {
      reason += ", capped at the insurer's cover " + Words.eur(insured);
      limit = insured;
    }
    reasons.add(reason);
    return limit.setScale(2, RoundingMode.DOWN);
  }

  private BigDecimal roundDown(BigDecimal amount) {
    if (roundDownTo.signum() == 0) {
      return amount.setScale(2, RoundingMode.DOWN);
    }
    return amount.divide(roundDownTo, 0, RoundingMode.DOWN).multiply(roundDownTo);
  }

  /**
   * Checks a quote of {@code quoteAmount} EUR with {@code requestedTermsDays} days net against what
   * the policy recommends for {@code customer}: see {@link #checkQuote(QuoteTerms, BigDecimal,
   * int)}.
   */
  public QuoteCheck checkQuote(
      CustomerRisk customer, BigDecimal quoteAmount, int requestedTermsDays) {
    return checkQuote(recommend(customer).quoteTerms(), quoteAmount, requestedTermsDays);
  }

  /**
   * Checks a quote of {@code quoteAmount} EUR with {@code requestedTermsDays} days net against
   * terms already recommended (by {@link #recommend}, or the {@code recommendations} table):
   *
   * <ul>
   *   <li>deposit: {@code share x quote}, HALF_UP to the cent; required when the quote is above the
   *       rule's amount, else recommended;
   *   <li>limit: exposure after the quote = open exposure + quote - required deposit (0 days
   *       requested: payment with the order, nothing added), within the limit when not above it;
   *   <li>terms: allowed up to the recommended maximum, and never above the legal cap of these
   *       rules' legal rules, whatever the terms say;
   *   <li>blocked orders are carried over with their reasons.
   * </ul>
   */
  public QuoteCheck checkQuote(QuoteTerms terms, BigDecimal quoteAmount, int requestedTermsDays) {
    if (quoteAmount.signum() < 0) {
      throw new IllegalArgumentException("a quote amount cannot be negative: " + quoteAmount);
    }
    if (requestedTermsDays < 0) {
      throw new IllegalArgumentException(
          "requested terms cannot be negative: " + requestedTermsDays + " days");
    }
    String who = terms.prospect() ? "prospect (no payment history)" : "grade " + terms.grade();
    List<String> reasons = new ArrayList<>();

    DepositRule rule = terms.deposit();
    DepositStatus status = rule.statusFor(quoteAmount);
    BigDecimal depositAmount =
        status == DepositStatus.NONE
            ? ZERO.setScale(2)
            : quoteAmount.multiply(rule.share()).setScale(2, RoundingMode.HALF_UP);
    String share = "deposit " + Words.percent(rule.share()) + " (" + Words.eur(depositAmount) + ")";
    switch (status) {
      case NONE -> reasons.add("no deposit: " + who);
      case REQUIRED ->
          reasons.add(
              share
                  + " required: "
                  + who
                  + (rule.requiredAboveEur().signum() == 0
                      ? ", on every quote"
                      : " and quote above " + Words.eur(rule.requiredAboveEur())));
      case RECOMMENDED ->
          reasons.add(
              share
                  + " recommended, not required: "
                  + who
                  + (rule.requiredAboveEur() == null
                      ? ""
                      : " and quote not above " + Words.eur(rule.requiredAboveEur())));
      default -> throw new IllegalStateException("deposit status " + status + " has no wording");
    }

    boolean withOrder = requestedTermsDays == 0;
    BigDecimal credited =
        withOrder
            ? ZERO
            : status == DepositStatus.REQUIRED ? quoteAmount.subtract(depositAmount) : quoteAmount;
    BigDecimal limit = terms.creditLimit();
    BigDecimal after = terms.openExposure().add(credited).setScale(2, RoundingMode.HALF_UP);
    boolean within = after.compareTo(limit) <= 0;
    reasons.add(
        (within ? "within the credit limit: " : "above the credit limit: ")
            + "exposure after this quote "
            + Words.eur(after)
            + (within ? " <= " : " > ")
            + "limit "
            + Words.eur(limit)
            + (withOrder
                ? " (paid with the order: no credit)"
                : status == DepositStatus.REQUIRED ? " (the required deposit is not credit)" : ""));

    int legalCap = legal.paymentTermsCap().maxDaysFromInvoice();
    int allowed = Math.min(terms.maxTermsDays(), legalCap);
    boolean termsOk = requestedTermsDays <= allowed;
    if (termsOk) {
      reasons.add(
          "terms "
              + requestedTermsDays
              + " days allowed (at most "
              + allowed
              + " days: "
              + who
              + ")");
    } else if (requestedTermsDays > legalCap) {
      reasons.add(
          "terms "
              + requestedTermsDays
              + " days refused: above the legal cap of "
              + legalCap
              + " days from the invoice date (L441-10 I); offer at most "
              + allowed
              + " days");
    } else {
      reasons.add(
          "terms "
              + requestedTermsDays
              + " days refused: "
              + who
              + " gets at most "
              + allowed
              + " days");
    }
    if (terms.blockOrders()) {
      List<String> why =
          terms.reasons().stream().filter(r -> r.startsWith("block new orders")).toList();
      reasons.addAll(
          why.isEmpty() ? List.of("block new orders: the recommendation blocks them") : why);
    }
    return new QuoteCheck(
        terms.customerId(),
        terms.grade(),
        terms.prospect(),
        quoteAmount,
        status,
        rule.share(),
        depositAmount,
        rule.requiredAboveEur(),
        limit,
        terms.openExposure(),
        after,
        within,
        requestedTermsDays,
        allowed,
        termsOk,
        terms.blockOrders(),
        reasons);
  }

  /** {@link #plan(InvoiceFacts, String, LocalDate, DunningAction, LocalDate)} with no history. */
  public DunningPlan plan(InvoiceFacts invoice, String grade, LocalDate asOf) {
    return plan(invoice, grade, null, null, asOf);
  }

  /**
   * The collection plan of an invoice as of {@code asOf}: the ladder of its customer's grade
   * ({@code null}: prospect; the soft ladder for long-standing customers), steps up to {@code
   * lastDone} marked done, the next step dated on its planned day or today if behind schedule
   * (later steps shifted by the same delay), then escalation after the formal notice's deadline: a
   * collection agency for amounts at or above the policy's threshold, then the court route chosen
   * by amount and by whether the debtor is abroad. Penalties, indemnity and limitation come from
   * the legal rules.
   */
  public DunningPlan plan(
      InvoiceFacts invoice,
      String grade,
      LocalDate customerSince,
      DunningAction lastDone,
      LocalDate asOf) {
    String ladderName = ladderNameFor(grade, customerSince, asOf);
    ReminderLadder ladder = ladders.get(ladderName);
    AmountDue due = legal.latePenalties().amountDue(invoice, asOf);
    LimitationCheck limitation = legal.limitation().check(invoice.dueDate(), asOf);
    List<String> notes = new ArrayList<>();
    LocalDate penaltiesFrom = invoice.dueDate().plusDays(1);
    if (due.outstanding().signum() == 0) {
      notes.add(
          due.total().signum() > 0
              ? "nothing outstanding; paid late: penalties "
                  + Words.eur(due.penaltyAmount())
                  + " and indemnity "
                  + Words.eur(due.recoveryIndemnity())
                  + " may still be claimed"
              : "nothing outstanding");
      return new DunningPlan(
          invoice.invoiceId(), asOf, ladderName, List.of(), penaltiesFrom, due, limitation, notes);
    }
    String who = grade == null ? "prospect" : "grade " + grade;

    List<DunningStep> planned = new ArrayList<>();
    LocalDate noticeDeadline = null;
    for (LadderStep step : ladder.steps()) {
      LocalDate date = invoice.dueDate().plusDays(step.day());
      LocalDate deadline = step.deadlineDays() == null ? null : date.plusDays(step.deadlineDays());
      if (deadline != null) {
        noticeDeadline = deadline;
      }
      String reason =
          step.label()
              + " on the "
              + ladderName
              + " ladder ("
              + who
              + ")"
              + (step.note().isEmpty() ? "" : ": " + step.note())
              + (deadline == null ? "" : "; pay within " + step.deadlineDays() + " days");
      planned.add(
          new DunningStep(
              step.action(), date, step.channel(), StepStatus.PLANNED, deadline, reason));
    }
    boolean expired = limitation.status() == LimitationStatus.EXPIRED;
    if (expired) {
      notes.add(
          "limitation date "
              + limitation.limitationDate()
              + " has passed: no court action is possible unless the period was"
              + " interrupted (acknowledgment, court claim), which Encours cannot see");
    } else {
      addEscalation(invoice, due, noticeDeadline.plusDays(1), planned);
      if (limitation.status() == LimitationStatus.WARN) {
        notes.add(
            "limitation date "
                + limitation.limitationDate()
                + ": start court action before then ("
                + limitation.daysLeft()
                + " days left)");
      }
    }
    notes.add(limitation.note());
    return new DunningPlan(
        invoice.invoiceId(),
        asOf,
        ladderName,
        schedule(planned, lastDone, invoice.dueDate(), asOf),
        penaltiesFrom,
        due,
        limitation,
        notes);
  }

  private void addEscalation(
      InvoiceFacts invoice, AmountDue due, LocalDate start, List<DunningStep> planned) {
    LocalDate courtDate = start;
    if (collectionAgencyFrom != null && due.outstanding().compareTo(collectionAgencyFrom) >= 0) {
      planned.add(
          new DunningStep(
              DunningAction.COLLECTION_AGENCY,
              start,
              Channel.COLLECTION_AGENCY,
              StepStatus.PLANNED,
              null,
              "formal notice unanswered and "
                  + Words.eur(due.outstanding())
                  + " outstanding (agency from "
                  + Words.eur(collectionAgencyFrom)
                  + "): amicable collection for "
                  + agencyDays
                  + " days before court"));
      courtDate = start.plusDays(agencyDays);
    }
    BigDecimal claim = due.total();
    String amount = "claim " + Words.eur(claim) + " (outstanding + penalties + indemnity)";
    DunningStep court;
    if (invoice.crossBorder()) {
      BigDecimal max = legal.europeanSmallClaimsMax();
      court =
          claim.compareTo(max) <= 0
              ? new DunningStep(
                  DunningAction.EUROPEAN_SMALL_CLAIMS,
                  courtDate,
                  Channel.COURT,
                  StepStatus.PLANNED,
                  null,
                  "cross-border "
                      + amount
                      + " within the European Small Claims ceiling of "
                      + Words.eur(max))
              : new DunningStep(
                  DunningAction.EUROPEAN_ORDER_FOR_PAYMENT,
                  courtDate,
                  Channel.COURT,
                  StepStatus.PLANNED,
                  null,
                  "cross-border "
                      + amount
                      + " above the European Small Claims ceiling of "
                      + Words.eur(max)
                      + ": European order for payment (no ceiling)");
    } else {
      BigDecimal max = legal.smallClaimsMax();
      court =
          claim.compareTo(max) <= 0
              ? new DunningStep(
                  DunningAction.SMALL_CLAIMS_PROCEDURE,
                  courtDate,
                  Channel.COMMISSAIRE_DE_JUSTICE,
                  StepStatus.PLANNED,
                  null,
                  amount
                      + " within the simplified small-claims ceiling of "
                      + Words.eur(max)
                      + ": a commissaire de justice, if the debtor agrees; otherwise injonction de payer at the tribunal de commerce")
              : new DunningStep(
                  DunningAction.INJONCTION_DE_PAYER,
                  courtDate,
                  Channel.COURT,
                  StepStatus.PLANNED,
                  null,
                  amount
                      + " above "
                      + Words.eur(max)
                      + ": injonction de payer at the tribunal de commerce (certain, liquid and due claim)");
    }
    planned.add(court);
  }

  private static List<DunningStep> schedule(
      List<DunningStep> planned, DunningAction lastDone, LocalDate dueDate, LocalDate asOf) {
    int doneUpTo = -1;
    if (lastDone != null) {
      for (int i = 0; i < planned.size(); i++) {
        if (planned.get(i).action() == lastDone) {
          doneUpTo = i;
        }
      }
    }
    List<DunningStep> steps = new ArrayList<>();
    long delay = -1;
    for (int i = 0; i < planned.size(); i++) {
      DunningStep s = planned.get(i);
      if (i <= doneUpTo) {
        steps.add(
            new DunningStep(
                s.action(),
                s.date(),
                s.channel(),
                StepStatus.DONE,
                s.paymentDeadline(),
                s.reason()));
      } else if (delay < 0
          && s.action() == DunningAction.PRE_DUE_REMINDER
          && asOf.isAfter(dueDate)) {
        steps.add(
            new DunningStep(
                s.action(),
                s.date(),
                s.channel(),
                StepStatus.SKIPPED,
                null,
                s.reason() + "; skipped: the due date has passed"));
      } else if (delay < 0) {
        delay = Math.max(0, asOf.toEpochDay() - s.date().toEpochDay());
        LocalDate date = s.date().plusDays(delay);
        String reason =
            delay == 0
                ? s.reason()
                : s.reason() + "; planned " + s.date() + ", behind schedule: do it now";
        steps.add(
            new DunningStep(
                s.action(),
                date,
                s.channel(),
                StepStatus.NEXT,
                shift(s.paymentDeadline(), delay),
                reason));
      } else {
        steps.add(
            new DunningStep(
                s.action(),
                s.date().plusDays(delay),
                s.channel(),
                StepStatus.PLANNED,
                shift(s.paymentDeadline(), delay),
                s.reason()));
      }
    }
    return steps;
  }

  private static LocalDate shift(LocalDate date, long days) {
    return date == null ? null : date.plusDays(days);
  }
}

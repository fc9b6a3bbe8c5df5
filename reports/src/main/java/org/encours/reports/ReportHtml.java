package org.encours.reports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.encours.reports.ReportData.ActionCount;
import org.encours.reports.ReportData.AgingBucket;
import org.encours.reports.ReportData.Concentration;
import org.encours.reports.ReportData.CustomerAr;
import org.encours.reports.ReportData.Drift;
import org.encours.reports.ReportData.Dunning;
import org.encours.reports.ReportData.GradeCount;
import org.encours.reports.ReportData.Headline;
import org.encours.reports.ReportData.KpiSnapshot;
import org.encours.reports.ReportData.LegalExposure;
import org.encours.reports.ReportData.LimitationClaim;
import org.encours.reports.ReportData.LimitationCount;
import org.encours.reports.ReportData.Migration;
import org.encours.reports.ReportData.ModelHealth;
import org.encours.reports.ReportData.Part;
import org.encours.reports.ReportData.PlannedAction;
import org.encours.reports.ReportData.Source;
import org.encours.reports.ReportData.TopCustomer;
import org.encours.reports.ReportData.TrendPoint;

/**
 * The report as one self-contained page: well-formed XHTML (so the PDF renderer reads the same
 * text), inline CSS and inline SVG charts, no script, no external file. Figures carry a {@code
 * data-key} naming what they are, so tests (and people) can find them.
 */
public final class ReportHtml {
  private ReportHtml() {}

  static final String CSS =
      """
      @page { size: A4 portrait; margin: 14mm 15mm 16mm 15mm;
        @bottom-left { content: "Encours receivables risk report"; font: 8pt sans-serif; color: #666; }
        @bottom-right { content: "page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #666; } }
      html { background: #fff; }
      body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 10pt; color: #1b1b1b;
        max-width: 180mm; margin: 0 auto; padding: 0 2mm; line-height: 1.35; }
      h1 { font-size: 17pt; margin: 6mm 0 1mm; color: #12355b; }
      h2 { font-size: 13pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5px solid #12355b; color: #12355b;
        page-break-after: avoid; }
      h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm; page-break-after: avoid; }
      p { margin: 1mm 0 2mm; }
      .subtitle { color: #444; margin-bottom: 3mm; }
      table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; -fs-table-paginate: paginate; }
      thead { display: table-header-group; }
      tr { page-break-inside: avoid; }
      th, td { border-bottom: 0.5pt solid #c9c9c9; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
      th { background: #eef2f7; font-weight: bold; font-size: 9pt; }
      td.num, th.num { text-align: right; }
      td.num { white-space: nowrap; }
      td.small { font-size: 8pt; line-height: 1.25; }
      table.top { table-layout: fixed; }
      table.top td, table.top th { padding: 1mm 1.2mm; }
      .neg { color: #b00020; }
      .up { color: #b00020; } .down { color: #1e7b34; }
      .missing { border-left: 3pt solid #c77700; background: #fff6e5; padding: 2mm 3mm; color: #5a3b00; page-break-inside: avoid; }
      .note { color: #555; font-size: 8.5pt; }
      .caveats { color: #7a4100; font-size: 8.5pt; margin: 4px 0; padding-left: 16px; }
      section { page-break-inside: auto; }
      .keep { page-break-inside: avoid; }
      figure.chart { margin: 2mm 0 4mm; page-break-inside: avoid; }
      figure.chart svg { display: block; }
      @media screen { figure.chart svg { max-width: 100%; height: auto; } }
      table.provenance td, table.provenance th { font-size: 8.5pt; }
      table.matrix td, table.matrix th { text-align: right; }
      table.matrix th:first-child { text-align: left; }
      td.diag { background: #eef7ee; font-weight: bold; }
      """;

  /** The whole page. */
  public static String render(ReportData d) {
    Page p = new Page();
    p.raw(
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>");
    p.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
    p.raw("<title>")
        .text("Receivables risk report as of " + d.asOf())
        .raw("</title><style>")
        .raw(CSS)
        .raw("</style></head><body>");
    header(p, d);
    headline(p, d);
    aging(p, d);
    trend(p, d);
    customers(p, d);
    dunning(p, d);
    legal(p, d);
    model(p, d);
    sources(p, d);
    p.raw("</body></html>\n");
    return p.toString();
  }

  // ---------------------------------------------------------------- sections

  private static void header(Page p, ReportData d) {
    p.raw("<header><h1>Receivables risk report</h1><p class=\"subtitle\">");
    p.raw("As of <b data-key=\"as-of\">")
        .text(d.asOf().toString())
        .raw("</b>; headline figures at the month end <b data-key=\"kpi-month-end\">")
        .text(d.kpiMonthEnd().toString())
        .raw("</b>; model <b data-key=\"model-version\">")
        .text(d.modelVersion() == null ? "none (no scores read)" : d.modelVersion())
        .raw("</b>; amounts in ")
        .text(d.currency())
        .raw(". Data versions are listed at the end.</p></header>");
  }

  private static void headline(Page p, ReportData d) {
    p.raw("<section id=\"headline\" class=\"keep\"><h2>Headline</h2>");
    Part<Headline> part = d.headline();
    if (missing(p, part)) {
      p.raw("</section>");
      return;
    }
    KpiSnapshot now = part.value().current();
    KpiSnapshot before = part.value().previous();
    p.raw("<table><thead><tr><th>indicator</th><th class=\"num\">")
        .text(now.monthEnd().toString())
        .raw("</th><th class=\"num\">")
        .text(before == null ? "previous month end" : before.monthEnd().toString())
        .raw("</th><th class=\"num\">change</th></tr></thead><tbody>");
    p.raw("<tr><td>Receivables (AR, net of credits)</td>")
        .money("kpi.ar", now.ar())
        .money("kpi.ar.previous", before == null ? null : before.ar())
        .raw("<td class=\"num\">")
        .text(before == null ? Figures.NA : Figures.moneyChange(now.ar(), before.ar()))
        .raw("</td></tr>");
    kpiRow(
        p,
        "Overdue share of AR",
        "kpi.overdue-share",
        now.overdueShare(),
        before == null ? null : before.overdueShare(),
        true);
    kpiRow(
        p,
        "DSO, count-back (days)",
        "kpi.dso-count-back",
        now.dsoCountBack(),
        before == null ? null : before.dsoCountBack(),
        false);
    kpiRow(
        p,
        "DSO, standard "
            + (now.dsoPeriodMonths() == null ? "" : months(now.dsoPeriodMonths()) + " ")
            + "(days)",
        "kpi.dso-standard",
        now.dsoStandard(),
        before == null ? null : before.dsoStandard(),
        false);
    kpiRow(
        p,
        "Best possible DSO (days)",
        "kpi.bpdso",
        now.bestPossibleDso(),
        before == null ? null : before.bestPossibleDso(),
        false);
    kpiRow(
        p,
        "Average days delinquent, ADD (days)",
        "kpi.add",
        now.add(),
        before == null ? null : before.add(),
        false);
    kpiRowCei(p, now.cei(), before == null ? null : before.cei());
    p.raw("</tbody></table>");
    caveats(p, now, before);
    p.raw(
            "<p class=\"note\">From receivables_kpis, level portfolio. The DSO family is on the gross open AR"
                + " (credit balances apart); count-back DSO walks back the monthly sales; "
                + "ADD = DSO - best possible DSO (count-back); CEI ")
        .text(
            now.ceiPeriodMonths() == null || now.ceiPeriodMonths() == 1
                ? "of the month"
                : "over the last " + months(now.ceiPeriodMonths()))
        .raw(" (higher is better). Definitions: docs/metrics.md.</p></section>");
  }

  private static String months(int n) {
    return n == 1 ? "1 month" : n + " months";
  }

  /**
   * What to know before reading the headline figures: a month whose windows reach before the data's
   * first month, a CEI outside 0-100 % and why, an undefined DSO.
   */
  private static void caveats(Page p, KpiSnapshot now, KpiSnapshot before) {
    List<String> lines = new ArrayList<>();
    for (KpiSnapshot k : before == null ? List.of(now) : List.of(now, before)) {
      for (String c : k.caveats()) {
        lines.add(k.monthEnd() + ": " + c);
      }
    }
    if (lines.isEmpty()) {
      return;
    }
    p.raw("<ul class=\"caveats\" data-key=\"kpi.caveats\">");
    for (String line : lines) {
      p.raw("<li>").text(line).raw("</li>");
    }
    p.raw("</ul>");
  }

  private static void kpiRow(
      Page p, String label, String key, Double now, Double before, boolean share) {
    p.raw("<tr><td>").text(label).raw("</td>");
    if (share) {
      p.cell(key, Figures.percent(now, 1), false)
          .cell(key + ".previous", Figures.percent(before, 1), false)
          .cell(
              key + ".change",
              now == null || before == null
                  ? Figures.NA
                  : Figures.change(now * 100, before * 100, 1, " pt"),
              false);
    } else {
      p.cell(key, Figures.decimal(now, 1), now != null && now < 0)
          .cell(key + ".previous", Figures.decimal(before, 1), before != null && before < 0)
          .cell(key + ".change", Figures.change(now, before, 1, ""), false);
    }
    p.raw("</tr>");
  }

  private static void kpiRowCei(Page p, Double now, Double before) {
    p.raw("<tr><td>Collection effectiveness index, CEI</td>")
        .cell("kpi.cei", now == null ? Figures.NA : Figures.decimal(now, 1) + "\u00a0%", false)
        .cell(
            "kpi.cei.previous",
            before == null ? Figures.NA : Figures.decimal(before, 1) + "\u00a0%",
            false)
        .cell("kpi.cei.change", Figures.change(now, before, 1, " pt"), false)
        .raw("</tr>");
  }

  private static void aging(Page p, ReportData d) {
    p.raw("<section id=\"aging\"><h2>Aging as of ").text(d.asOf().toString()).raw("</h2>");
    Part<List<AgingBucket>> part = d.aging();
    if (!missing(p, part)) {
      p.raw(
          "<div class=\"keep\"><table><thead><tr><th>bucket (days past due)</th><th class=\"num\">open items</th><th class=\"num\">open amount</th>"
              + "<th class=\"num\">share of gross AR</th></tr></thead><tbody>");
      for (AgingBucket b : part.value()) {
        String k = "aging." + b.bucket();
        p.raw("<tr><td>")
            .text(label(b.bucket()))
            .raw("</td>")
            .cell(k + ".count", Figures.count(b.openCount()), false)
            .money(k + ".amount", b.openAmount())
            .cell(k + ".share", Figures.percent(b.share(), 1), b.share() != null && b.share() < 0)
            .raw("</tr>");
      }
      p.raw("</tbody></table></div>");
      p.chart("aging", ReportCharts.agingBar(part.value(), d.currency()));
      p.raw(
          "<p class=\"note\">From aging, level portfolio. Shares are of the gross open AR (the aged buckets); credits (credit notes and over-payments) are shown apart and reduce the net AR; unallocated cash is outside the totals.</p>");
    }
    p.raw("</section>");
  }

  static String label(String bucket) {
    return switch (bucket) {
      case "not_due" -> "not yet due";
      case "credits" -> "credits (negative balances)";
      case "unallocated" -> "unallocated cash (outside totals)";
      default -> bucket;
    };
  }

  private static void trend(Page p, ReportData d) {
    p.raw("<section id=\"trend\">");
    Part<List<TrendPoint>> part = d.trend();
    if (part.available()) {
      // the heading stays with its first chart: never alone at the foot of a page
      List<TrendPoint> t = part.value();
      p.raw("<div class=\"keep\"><h2>Twelve-month trend</h2><p>")
          .text(
              "Month ends "
                  + t.get(0).monthEnd()
                  + " to "
                  + t.get(t.size() - 1).monthEnd()
                  + ", portfolio (receivables_kpis).")
          .raw("</p>");
      List<String> incomplete =
          t.stream().filter(x -> !x.historyComplete()).map(x -> x.monthEnd().toString()).toList();
      if (!incomplete.isEmpty()) {
        p.raw("<p class=\"note\" data-key=\"trend.insufficient-history\">")
            .text(
                "Insufficient history: the DSO and CEI windows of "
                    + String.join(", ", incomplete)
                    + " reach before the data's first month; their figures are incomplete.")
            .raw("</p>");
      }
      p.chart("ar-by-age", ReportCharts.arByAge(t, d.currency()));
      p.raw("</div>");
      Map<String, Function<TrendPoint, Double>> dso = new LinkedHashMap<>();
      dso.put("DSO count-back", TrendPoint::dsoCountBack);
      dso.put("DSO standard", TrendPoint::dsoStandard);
      dso.put("best possible DSO", TrendPoint::bestPossibleDso);
      p.chart("dso", ReportCharts.trendLines("dso", "Days sales outstanding", "days", t, dso));
      p.chart(
          "add",
          ReportCharts.trendLines(
              "add",
              "Average days delinquent (count-back)",
              "days",
              t,
              Map.of("ADD", TrendPoint::add)));
      p.chart(
          "cei",
          ReportCharts.trendLines(
              "cei", "Collection effectiveness index", "%", t, Map.of("CEI", TrendPoint::cei)));
    } else {
      p.raw("<h2>Twelve-month trend</h2>");
      missing(p, part);
    }
    p.raw("</section>");
  }

  private static void customers(Page p, ReportData d) {
    p.raw(
        "<section id=\"customers\"><h2>Customers at risk</h2><h3>Top 20 by expected loss (exposure x probability of paying late)</h3>");
    Part<List<TopCustomer>> top = d.topCustomers();
    if (!missing(p, top)) {
      p.raw(
          "<table class=\"top\"><thead><tr><th class=\"num\" style=\"width:4%\">#</th><th style=\"width:11%\">customer</th>"
              + "<th style=\"width:6%\">grade</th><th class=\"num\" style=\"width:8%\">PD</th><th class=\"num\" style=\"width:12%\">exposure ("
              + Page.esc(d.currency())
              + ")</th><th class=\"num\" style=\"width:12%\">expected loss ("
              + Page.esc(d.currency())
              + ")</th>"
              + "<th style=\"width:26%\">main reasons</th>"
              + "<th style=\"width:21%\">recommended action</th></tr></thead><tbody>");
      for (TopCustomer c : top.value()) {
        String k = "top." + c.customerId();
        p.raw("<tr><td class=\"num\">")
            .text(String.valueOf(c.rank()))
            .raw("</td><td>")
            .text(c.customerId())
            .raw("</td><td data-key=\"")
            .text(k + ".grade")
            .raw("\">")
            .text(c.grade() == null ? Figures.NA : c.grade())
            .raw("</td>")
            .cell(k + ".probability", Figures.percent(c.probability(), 1), false)
            .cell(k + ".exposure", Figures.amount(c.exposure(), 0), Figures.negative(c.exposure()))
            .cell(
                k + ".expected-loss",
                Figures.amount(c.expectedLoss(), 0),
                Figures.negative(c.expectedLoss()))
            .raw("<td class=\"small\">")
            .text(
                c.reasons().isEmpty()
                    ? "-"
                    : String.join("; ", c.reasons().subList(0, Math.min(3, c.reasons().size()))))
            .raw("</td><td class=\"small\">")
            .text(c.action())
            .raw("</td></tr>");
      }
      p.raw(
          "</tbody></table><p class=\"note\">From customer_scores (probability, grade, reasons, exposure, expected loss) and recommendations (action).</p>");
    }
    p.raw("<h3>Concentration</h3>");
    Part<Concentration> conc = d.concentration();
    if (!missing(p, conc)) {
      Concentration c = conc.value();
      p.raw("<p>The 10 largest customers hold <b data-key=\"concentration.share\">")
          .text(Figures.percent(c.share(), 1))
          .raw("</b> of AR (")
          .text(Figures.money(c.top10Ar(), 0))
          .raw(" of ")
          .text(Figures.money(c.totalAr(), 0))
          .raw(").</p>");
      p.raw(
          "<div class=\"keep\"><table><thead><tr><th>customer</th><th class=\"num\">AR</th><th class=\"num\">share of AR</th></tr></thead><tbody>");
      for (CustomerAr a : c.top10()) {
        Double share =
            c.totalAr().signum() == 0 ? null : a.ar().doubleValue() / c.totalAr().doubleValue();
        p.raw("<tr><td>")
            .text(a.customerId())
            .raw("</td>")
            .money("concentration." + a.customerId(), a.ar())
            .cell(null, Figures.percent(share, 1), false)
            .raw("</tr>");
      }
      p.raw(
          "</tbody></table></div><p class=\"note\">From aging, level customer (net AR per customer) and level portfolio.</p>");
    }
    p.raw("<h3>Grades</h3>");
    Part<List<GradeCount>> grades = d.grades();
    if (!missing(p, grades)) {
      p.raw(
          "<div class=\"keep\"><table><thead><tr><th>grade</th><th class=\"num\">customers</th><th class=\"num\">exposure</th>"
              + "<th class=\"num\">expected loss</th></tr></thead><tbody>");
      for (GradeCount g : grades.value()) {
        p.raw("<tr><td>")
            .text(g.grade())
            .raw("</td>")
            .cell("grade." + g.grade() + ".customers", Figures.count(g.customers()), false)
            .money("grade." + g.grade() + ".exposure", g.exposure(), 0)
            .money("grade." + g.grade() + ".expected-loss", g.expectedLoss(), 0)
            .raw("</tr>");
      }
      p.raw("</tbody></table></div>");
      p.chart("grades", ReportCharts.grades(grades.value()));
    }
    p.raw("<h3>Grade migration since the previous month end</h3>");
    Part<Migration> mig = d.migration();
    if (!missing(p, mig)) {
      Migration m = mig.value();
      List<String> to = new java.util.ArrayList<>(m.grades());
      to.add("gone");
      List<String> from = new java.util.ArrayList<>(m.grades());
      from.add("new");
      p.raw("<div class=\"keep\"><table class=\"matrix\"><thead><tr><th>")
          .text("from " + m.from() + " (rows) to " + d.asOf())
          .raw("</th>");
      for (String g : to) {
        p.raw("<th class=\"num\">").text(g).raw("</th>");
      }
      p.raw("</tr></thead><tbody>");
      for (String f : from) {
        p.raw("<tr><th>").text(f).raw("</th>");
        for (String g : to) {
          long n = m.count(f, g);
          p.raw("<td class=\"num")
              .raw(f.equals(g) ? " diag" : "")
              .raw("\" data-key=\"migration.")
              .text(f + "." + g)
              .raw("\">")
              .text(Figures.count(n))
              .raw("</td>");
        }
        p.raw("</tr>");
      }
      p.raw(
          "</tbody></table></div><p class=\"note\">Customers by grade at the previous month end (rows) and at the report date (columns); "
              + "new: not scored before; gone: no longer scored. From customer_scores at both dates.</p>");
    }
    p.raw("</section>");
  }

  private static void dunning(Page p, ReportData d) {
    p.raw("<section id=\"dunning\"><h2>Dunning plan</h2>");
    Part<Dunning> part = d.dunning();
    if (!missing(p, part)) {
      Dunning u = part.value();
      p.raw("<h3>")
          .text("Actions due this week (" + d.asOf() + " to " + u.weekEnd() + ")")
          .raw("</h3>");
      if (u.dueThisWeek().isEmpty()) {
        p.raw("<p>No action due this week.</p>");
      } else {
        p.raw(
            "<div class=\"keep\"><table><thead><tr><th>stage</th><th class=\"num\">invoices</th><th class=\"num\">customers</th>"
                + "<th class=\"num\">outstanding</th><th class=\"num\">amount due (with penalties)</th></tr></thead><tbody>");
        for (ActionCount a : u.dueThisWeek()) {
          String k = "dunning.week." + a.action();
          p.raw("<tr><td>")
              .text(a.action().replace('_', ' '))
              .raw("</td>")
              .cell(k + ".invoices", Figures.count(a.invoices()), false)
              .cell(k + ".customers", Figures.count(a.customers()), false)
              .money(k + ".outstanding", a.outstanding())
              .money(k + ".amount-due", a.amountDue())
              .raw("</tr>");
        }
        p.raw("</tbody></table></div>");
      }
      planned(
          p,
          "Formal notices to come (to " + u.horizon() + ")",
          "dunning.formal-notices",
          u.formalNoticeCount(),
          u.formalNotices());
      planned(
          p,
          "Escalations to come (agency or court, to " + u.horizon() + ")",
          "dunning.escalations",
          u.escalationCount(),
          u.escalations());
      p.raw(
          "<p class=\"note\">From dunning_plan (next action per open invoice as of the report date).</p>");
    }
    p.raw("</section>");
  }

  private static void planned(
      Page p, String title, String key, long total, List<PlannedAction> list) {
    p.raw("<h3>")
        .text(title)
        .raw(": <span data-key=\"")
        .text(key + ".count")
        .raw("\">")
        .text(Figures.count(total))
        .raw("</span></h3>");
    if (list.isEmpty()) {
      return;
    }
    p.raw(
        "<table><thead><tr><th>date</th><th>action</th><th>invoice</th><th>customer</th><th class=\"num\">outstanding</th>"
            + "<th class=\"num\">amount due</th></tr></thead><tbody>");
    for (PlannedAction a : list) {
      p.raw("<tr><td>")
          .text(a.date().toString())
          .raw("</td><td>")
          .text(a.action().replace('_', ' '))
          .raw("</td><td>")
          .text(a.invoiceId())
          .raw("</td><td>")
          .text(a.customerId())
          .raw("</td>")
          .money(null, a.outstanding())
          .money(key + "." + a.invoiceId() + ".amount-due", a.amountDue())
          .raw("</tr>");
    }
    p.raw("</tbody></table>");
    if (total > list.size()) {
      p.raw("<p class=\"note\">")
          .text(
              "The first "
                  + list.size()
                  + " of "
                  + total
                  + " by date; all of them are in the table dunning_plan.")
          .raw("</p>");
    }
  }

  private static void legal(Page p, ReportData d) {
    p.raw("<section id=\"legal\"><h2>Legal exposure</h2>");
    Part<LegalExposure> part = d.legal();
    if (!missing(p, part)) {
      LegalExposure l = part.value();
      p.raw("<div class=\"keep\"><table><thead><tr><th>accrued as of ")
          .text(d.asOf().toString())
          .raw("</th><th class=\"num\">amount</th></tr></thead><tbody>");
      p.raw("<tr><td>Late-payment penalties (L441-10 II), ")
          .text(Figures.count(l.invoicesWithPenalties()) + " invoices")
          .raw("</td>")
          .money("legal.penalties", l.penalties())
          .raw("</tr>");
      p.raw("<tr><td>Fixed recovery indemnities, EUR 40 per late invoice (D441-5)</td>")
          .money("legal.indemnities", l.indemnities())
          .raw("</tr>");
      p.raw("<tr><td>Amount due on late invoices (outstanding + penalties + indemnities)</td>")
          .money("legal.amount-due", l.amountDue())
          .raw("</tr>");
      p.raw("</tbody></table></div><h3>Claims approaching the 5-year limitation (L110-4)</h3>");
      if (l.limitation().isEmpty()) {
        p.raw("<p>No open claim within 6 months of its limitation date.</p>");
      } else {
        p.raw(
            "<table><thead><tr><th>status</th><th class=\"num\">invoices</th><th class=\"num\">outstanding</th></tr></thead><tbody>");
        for (LimitationCount c : l.limitation()) {
          p.raw("<tr><td>")
              .text(
                  c.status().equals("warn")
                      ? "warn: limitation within 6 months"
                      : "expired: time-barred")
              .raw("</td>")
              .cell(
                  "legal.limitation." + c.status() + ".invoices",
                  Figures.count(c.invoices()),
                  false)
              .money("legal.limitation." + c.status() + ".outstanding", c.outstanding())
              .raw("</tr>");
        }
        p.raw(
            "</tbody></table><table><thead><tr><th>limitation date</th><th>status</th><th>invoice</th><th>customer</th>"
                + "<th class=\"num\">outstanding</th></tr></thead><tbody>");
        for (LimitationClaim c : l.claims()) {
          p.raw("<tr><td>")
              .text(c.limitationDate().toString())
              .raw("</td><td>")
              .text(c.status())
              .raw("</td><td>")
              .text(c.invoiceId())
              .raw("</td><td>")
              .text(c.customerId())
              .raw("</td>")
              .money(null, c.outstanding())
              .raw("</tr>");
        }
        p.raw("</tbody></table>");
      }
      p.raw(
          "<p class=\"note\">From dunning_plan (penalties, indemnity, amount_due, limitation_date, limitation_status). "
              + "Limitation is counted from the due date: interruptions are not seen, so the date is the earliest possible.</p>");
    }
    p.raw("</section>");
  }

  private static void model(Page p, ReportData d) {
    p.raw("<section id=\"model\"><h2>Model health</h2>");
    Part<ModelHealth> part = d.modelHealth();
    if (!missing(p, part)) {
      ModelHealth m = part.value();
      p.raw("<div class=\"keep\"><table><thead><tr><th>model ")
          .text(m.modelVersion())
          .raw("</th><th class=\"num\">value</th></tr></thead><tbody>");
      p.raw("<tr><td>trained</td><td class=\"num\">")
          .text(m.createdAt() == null ? Figures.NA : m.createdAt())
          .raw("</td></tr>");
      p.raw("<tr><td>training cutoff</td><td class=\"num\">")
          .text(m.cutoff() == null ? Figures.NA : m.cutoff())
          .raw("</td></tr>");
      p.raw("<tr><td>target</td><td class=\"num\">").text(m.target()).raw("</td></tr>");
      p.raw("<tr><td>out-of-time ROC AUC</td>")
          .cell("model.auc", Figures.decimal(m.rocAuc(), 3), false)
          .raw("</tr>");
      p.raw("<tr><td>out-of-time PR AUC</td>")
          .cell("model.pr-auc", Figures.decimal(m.prAuc(), 3), false)
          .raw("</tr>");
      p.raw("<tr><td>Brier score</td>")
          .cell("model.brier", Figures.decimal(m.brier(), 4), false)
          .raw("</tr>");
      p.raw("<tr><td>expected calibration error (10 bins)</td>")
          .cell("model.ece", Figures.decimal(m.ece(), 4), false)
          .raw("</tr>");
      p.raw("<tr><td>test invoices</td>")
          .cell(null, m.testRows() == null ? Figures.NA : Figures.count(m.testRows()), false)
          .raw("</tr>");
      p.raw("</tbody></table></div>");
      if (!m.calibration().isEmpty()) {
        p.chart("calibration", ReportCharts.calibration(m.calibration()));
      }
      p.raw("<h3>Drift (population stability index)</h3><p class=\"note\">")
          .text(m.driftSource())
          .raw(". Below 0.10 stable, 0.10 to 0.25 watch, above 0.25 act.</p>");
      if (m.drift().isEmpty()) {
        p.raw("<p>No drift figures recorded.</p>");
      } else {
        p.raw(
            "<table><thead><tr><th>variable</th><th class=\"num\">PSI</th><th>status</th></tr></thead><tbody>");
        for (Drift x : m.drift()) {
          p.raw("<tr><td>")
              .text(x.variable())
              .raw("</td>")
              .cell("drift." + x.variable(), Figures.decimal(x.psi(), 3), false)
              .raw("<td>")
              .text(x.status())
              .raw("</td></tr>");
        }
        p.raw("</tbody></table>");
      }
    }
    p.raw("</section>");
  }

  private static void sources(Page p, ReportData d) {
    p.raw("<section id=\"sources\" class=\"keep\"><h2>Data versions</h2>");
    if (d.sources().isEmpty()) {
      p.raw(
          "<p class=\"missing\">No table was read: the warehouse is empty. Run encours ingest and encours analytics.</p>");
    } else {
      p.raw(
          "<table class=\"provenance\"><thead><tr><th>table</th><th class=\"num\">Delta version</th><th>computed from (input_versions)</th></tr></thead><tbody>");
      for (Source s : d.sources()) {
        p.raw("<tr><td>")
            .text(s.table())
            .raw("</td><td class=\"num\" data-key=\"version.")
            .text(s.table())
            .raw("\">")
            .text(String.valueOf(s.version()))
            .raw("</td><td>")
            .text(s.inputVersions().isEmpty() ? "-" : versions(s.inputVersions()))
            .raw("</td></tr>");
      }
      p.raw("</tbody></table>");
    }
    p.raw("</section>");
  }

  static String versions(Map<String, Long> v) {
    StringBuilder b = new StringBuilder();
    new java.util.TreeMap<>(v)
        .forEach((k, x) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(x));
    return b.toString();
  }

  /** Writes the "not available" line when the part is missing; true if it was. */
  private static boolean missing(Page p, Part<?> part) {
    if (part.available()) {
      return false;
    }
    p.raw("<p class=\"missing\">").text(part.missing()).raw("</p>");
    return true;
  }

  /** A tiny XHTML writer: text is always escaped, markup only through {@link #raw}. */
  static final class Page {
    private final StringBuilder b = new StringBuilder(64 * 1024);

    Page raw(String markup) {
      b.append(markup);
      return this;
    }

    Page text(String s) {
      b.append(esc(s));
      return this;
    }

    Page cell(String key, String shown, boolean negative) {
      b.append("<td class=\"num").append(negative ? " neg" : "").append('"');
      if (key != null) {
        b.append(" data-key=\"").append(esc(key)).append('"');
      }
      b.append('>').append(esc(shown)).append("</td>");
      return this;
    }

    Page money(String key, BigDecimal v) {
      return cell(key, Figures.money(v), Figures.negative(v));
    }

    Page money(String key, BigDecimal v, int decimals) {
      return cell(key, Figures.money(v, decimals), Figures.negative(v));
    }

    Page chart(String id, String svg) {
      b.append("<figure class=\"chart\" id=\"chart-")
          .append(id)
          .append("\">")
          .append(svg)
          .append("</figure>");
      return this;
    }

    static String esc(String s) {
      return s == null
          ? ""
          : s.replace("&", "&amp;")
              .replace("<", "&lt;")
              .replace(">", "&gt;")
              .replace("\"", "&quot;");
    }

    @Override
    public String toString() {
      return b.toString();
    }
  }
}

package org.encours.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** The evaluation report as one self-contained HTML page (no scripts, no external files). */
final class EvaluationReport {
  private EvaluationReport() {}

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String num(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "";
    }
    if (n.isNumber()) {
      double d = n.asDouble();
      return n.isIntegralNumber()
          ? String.format(Locale.ROOT, "%,d", n.asLong())
          : String.format(Locale.ROOT, "%.4f", d);
    }
    return esc(n.asText());
  }

  static String html(JsonNode r) {
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Encours model ")
        .append(esc(r.path("model_version").asText()))
        .append(
            "</title><style>body{font-family:sans-serif;max-width:70em;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}"
                + "th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}</style></head><body>");
    b.append("<h1>Late-payment model ")
        .append(esc(r.path("model_version").asText()))
        .append("</h1>");
    b.append("<p>Created ")
        .append(esc(r.path("created_at").asText()))
        .append(", training cutoff ")
        .append(esc(r.path("cutoff").asText()))
        .append(", seed ")
        .append(esc(r.path("seed").asText()))
        .append(". Input table versions: ")
        .append(esc(r.path("input_versions").toString()))
        .append(".</p>");
    b.append(
        "<h2>Rows and periods (split by issue date)</h2><table><tr><th>rows</th><th>count</th></tr>");
    for (Iterator<Map.Entry<String, JsonNode>> it = r.path("rows").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.append("<tr><td>")
          .append(esc(e.getKey().replace('_', ' ')))
          .append("</td><td>")
          .append(num(e.getValue()))
          .append("</td></tr>");
    }
    b.append(
        "</table><table><tr><th>period</th><th>issued from</th><th>issued to</th><th>rows</th></tr>");
    for (Iterator<Map.Entry<String, JsonNode>> it = r.path("periods").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.append("<tr><td>")
          .append(esc(e.getKey()))
          .append("</td><td>")
          .append(num(e.getValue().path("issued_from")))
          .append("</td><td>")
          .append(num(e.getValue().path("issued_to")))
          .append("</td><td>")
          .append(num(e.getValue().path("rows")))
          .append("</td></tr>");
    }
    b.append("</table>");
    for (Iterator<Map.Entry<String, JsonNode>> it = r.path("targets").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode t = e.getValue();
      b.append("<h2>")
          .append(esc(e.getKey()))
          .append(": ")
          .append(esc(t.path("label").asText()))
          .append("</h2>");
      b.append("<p>Chosen on the select period: <b>")
          .append(esc(t.path("chosen").asText()))
          .append("</b>; ")
          .append(esc(t.path("calibration").asText()))
          .append(
              ".</p><table><tr><th>candidate</th><th>select ROC AUC</th><th>select log loss</th></tr>");
      for (JsonNode c : t.path("candidates")) {
        b.append("<tr><td>")
            .append(esc(c.path("candidate").asText()))
            .append("</td><td>")
            .append(num(c.path("rocAuc")))
            .append("</td><td>")
            .append(num(c.path("logLoss")))
            .append("</td></tr>");
      }
      b.append(
          "</table><h3>Out of time (test period)</h3><table><tr><th>scorer</th><th>rows</th><th>late share</th><th>ROC AUC</th>"
              + "<th>PR AUC</th><th>Brier</th><th>log loss</th><th>ECE (10 bins)</th><th>capture, riskiest 10 %</th></tr>");
      JsonNode first = null;
      for (Iterator<Map.Entry<String, JsonNode>> s = t.path("test").fields(); s.hasNext(); ) {
        Map.Entry<String, JsonNode> m = s.next();
        JsonNode v = m.getValue();
        if (first == null) {
          first = v;
        }
        b.append("<tr><td>")
            .append(esc(m.getKey()))
            .append("</td><td>")
            .append(num(v.path("rows")))
            .append("</td><td>")
            .append(num(v.path("positiveShare")))
            .append("</td><td>")
            .append(num(v.path("rocAuc")))
            .append("</td><td>")
            .append(num(v.path("prAuc")))
            .append("</td><td>")
            .append(num(v.path("brier")))
            .append("</td><td>")
            .append(num(v.path("logLoss")))
            .append("</td><td>")
            .append(num(v.path("ece")))
            .append("</td><td>")
            .append(num(v.path("captureTopDecile")))
            .append("</td></tr>");
      }
      b.append("</table>");
      if (first != null) {
        b.append(
            "<h3>Calibration table (model, test period)</h3><table><tr><th>predicted</th><th>rows</th><th>mean predicted</th><th>observed late share</th></tr>");
        for (JsonNode c : first.path("calibration")) {
          b.append("<tr><td>")
              .append(
                  String.format(
                      Locale.ROOT,
                      "[%.1f, %.1f)",
                      c.path("lower").asDouble(),
                      c.path("upper").asDouble()))
              .append("</td><td>")
              .append(num(c.path("rows")))
              .append("</td><td>")
              .append(num(c.path("meanPredicted")))
              .append("</td><td>")
              .append(num(c.path("observedShare")))
              .append("</td></tr>");
        }
        b.append("</table>");
      }
    }
    b.append("<h2>Payment date</h2><table>");
    for (Iterator<Map.Entry<String, JsonNode>> it = r.path("payment_date").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.append("<tr><td>")
          .append(esc(e.getKey().replace('_', ' ')))
          .append("</td><td>")
          .append(num(e.getValue()))
          .append("</td></tr>");
    }
    b.append(
        "</table><h2>Population stability, fit period to test period</h2>"
            + "<p>10 bins cut at the fit period's deciles; &lt; 0.10 stable, 0.10-0.25 watch, &gt; 0.25 act.</p><table><tr><th>variable</th><th>PSI</th><th>status</th></tr>");
    for (Iterator<Map.Entry<String, JsonNode>> it = r.path("drift_fit_to_test").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.append("<tr><td>")
          .append(esc(e.getKey()))
          .append("</td><td>")
          .append(num(e.getValue().path("psi")))
          .append("</td><td>")
          .append(esc(e.getValue().path("status").asText()))
          .append("</td></tr>");
    }
    b.append("</table><h2>Features</h2><p>")
        .append(esc(r.path("features").toString()))
        .append("</p></body></html>\n");
    return b.toString();
  }
}

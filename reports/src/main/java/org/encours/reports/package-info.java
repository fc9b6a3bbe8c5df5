/**
 * The monthly CFO risk report ({@code encours report --as-of DATE --out DIR}): one content, three
 * forms. {@link org.encours.reports.ReportLoader} reads the warehouse tables (aggregates and top-N
 * only) into the plain records of {@link org.encours.reports.ReportData}; pure-Java renderers turn
 * the same records into a self-contained HTML page with inline SVG charts ({@link
 * org.encours.reports.ReportHtml}, {@link org.encours.reports.ReportCharts}), a PDF made from that
 * page ({@link org.encours.reports.ReportPdf}) and an XLSX workbook with one sheet per table
 * ({@link org.encours.reports.ReportWorkbook}). A missing table never stops the report: its section
 * says which command produces it. Sections and sources: {@code docs/report.md}.
 */
package org.encours.reports;

/**
 * The seeded sample-data generator behind {@code encours generate}: it writes a realistic
 * receivables ledger (customers, invoices and credit notes, payment allocations, dunning events) in
 * the canonical CSV layout, so that ingestion, analytics and scoring can be developed, tested and
 * benchmarked without real customer data. Customers are drawn from archetypes (prompt, chronic
 * slow, deteriorating, seasonal, disputer, defaulter) whose mix depends on sector, country and size
 * band, and reminders on the J+5 / J+15 / J+30 / J+45 ladder really move payment dates, so that a
 * model has honest signal to learn. Output is streamed customer by customer (memory does not grow
 * with the ledger) and is byte-identical for the same seed and arguments.
 */
package org.encours.samples;

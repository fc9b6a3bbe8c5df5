package org.encours.samples;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a run produced: the settings and the row counts per file, plus the hidden archetype mix.
 *
 * @param invoices documents of type {@code invoice}: exactly {@code settings.invoices()}
 * @param creditNotes documents of type {@code credit_note} (in {@code invoices.csv} too)
 * @param overpaidInvoices invoices whose allocations exceed their amount (on purpose)
 */
public record GenerationResult(
    GenerationSettings settings,
    long customers,
    long invoices,
    long creditNotes,
    long payments,
    long dunningEvents,
    long overpaidInvoices,
    Map<Archetype, Long> archetypes) {

  public GenerationResult {
    archetypes = Collections.unmodifiableMap(new EnumMap<>(archetypes));
  }

  /** Rows of {@code invoices.csv}: invoices and credit notes. */
  public long invoiceRows() {
    return invoices + creditNotes;
  }

  static GenerationResult of(GenerationSettings settings, CustomerHistory.Sequences s) {
    Map<Archetype, Long> mix = new EnumMap<>(Archetype.class);
    for (Archetype a : Archetype.values()) {
      mix.put(a, s.archetypes[a.ordinal()]);
    }
    return new GenerationResult(
        settings,
        s.customers,
        s.invoices,
        s.creditNotes,
        s.payments,
        s.dunningEvents,
        s.overpaidInvoices,
        mix);
  }
}

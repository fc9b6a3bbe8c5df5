package org.encours.core.prospect;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Peer-group counts at the model's as-of date, saved in the model sidecar so that serving needs no
 * warehouse: per sector, size band and country value, and overall.
 *
 * @param asOf outcomes known on or before this date are counted
 */
public record PeerSnapshot(
    LocalDate asOf,
    PeerCount global,
    Map<String, PeerCount> sector,
    Map<String, PeerCount> sizeBand,
    Map<String, PeerCount> country) {

  public PeerSnapshot {
    sector = new TreeMap<>(sector);
    sizeBand = new TreeMap<>(sizeBand);
    country = new TreeMap<>(country);
  }

  /**
   * The counts for a prospect; a value with no known invoice (or null) counts as an empty group.
   */
  public PeerContext contextFor(String sectorValue, String sizeBandValue, String countryValue) {
    return new PeerContext(
        global,
        lookup(sector, sectorValue),
        lookup(sizeBand, sizeBandValue),
        lookup(country, countryValue));
  }

  private static PeerCount lookup(Map<String, PeerCount> counts, String value) {
    PeerCount c = value == null ? null : counts.get(ProspectFeatures.normalise(value));
    return c == null ? PeerCount.NONE : c;
  }
}

package org.encours.api;

import org.encours.api.engines.ProspectScoring;
import org.encours.api.engines.QuotePolicy;

/**
 * Where the serve command gets its engines. The prospect scorer ({@code org.encours.core.prospect})
 * and the policy library ({@code org.encours.core.policy}) are being written on other branches; until
 * they are merged and adapted here, these return null and the two endpoints answer 503.
 */
final class Engines {
  private Engines() {}

  static ProspectScoring prospectScoring() {
    return null;
  }

  static QuotePolicy quotePolicy() {
    return null;
  }
}

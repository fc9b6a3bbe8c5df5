package org.encours.api.security;

import java.util.Set;
import org.encours.core.security.KeyHash;

/**
 * One configured key: its name (what logs and metrics show; the key itself is never shown), the
 * salted hash it is checked against, its scopes, and an optional rate limit of its own.
 *
 * @param ratePerSecond sustained requests per second, or null for the server's default
 * @param burst requests allowed at once, or null for the server's default
 */
public record ApiKey(
    String name, KeyHash hash, Set<Scope> scopes, Double ratePerSecond, Integer burst) {
  public boolean allows(Scope needed) {
    return scopes.contains(Scope.ADMIN) || scopes.contains(needed);
  }

  @Override
  public String toString() {
    return "ApiKey[" + name + ", scopes " + scopes + "]";
  }
}

package org.encours.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.encours.api.data.SnapshotStore;
import org.encours.api.engines.ProspectScoring;
import org.encours.api.metrics.ApiMetrics;
import org.encours.api.security.ApiKeyStore;
import org.encours.api.security.RateLimiter;
import org.encours.core.policy.Policy;

/**
 * What the HTTP layer needs, built by the serve command (or a test). {@code prospects} and {@code
 * policy} may be null: their endpoints then answer 503.
 */
public record ApiServices(
    SnapshotStore store,
    ApiKeyStore keys,
    RateLimiter limiter,
    ProspectScoring prospects,
    Policy policy,
    ApiMetrics metrics,
    Clock clock,
    long maxBodyBytes) {

  public static final long DEFAULT_MAX_BODY_BYTES = 16 * 1024;

  ObjectMapper json() {
    return JSON;
  }

  private static final ObjectMapper JSON = Json.mapper();
}

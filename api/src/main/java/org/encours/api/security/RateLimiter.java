package org.encours.api.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API key: {@code burst} requests at once, refilled at {@code ratePerSecond}. A
 * key may carry its own rate and burst; otherwise the server's defaults apply. A rate of 0 turns
 * limiting off.
 */
public final class RateLimiter {
  private final double defaultRate;
  private final int defaultBurst;
  private final LongSupplier nanoClock;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(double defaultRatePerSecond, int defaultBurst) {
    this(defaultRatePerSecond, defaultBurst, System::nanoTime);
  }

  RateLimiter(double defaultRatePerSecond, int defaultBurst, LongSupplier nanoClock) {
    this.defaultRate = defaultRatePerSecond;
    this.defaultBurst = defaultBurst;
    this.nanoClock = nanoClock;
  }

  /**
   * Takes one token for the key; returns 0 when allowed, otherwise the whole seconds to wait before
   * a token is available (at least 1), for {@code Retry-After}.
   */
  public long acquire(ApiKey key) {
    double rate = key.ratePerSecond() != null ? key.ratePerSecond() : defaultRate;
    if (rate <= 0) {
      return 0;
    }
    int burst = key.burst() != null ? key.burst() : Math.max(1, defaultBurst);
    TokenBucket bucket =
        buckets.computeIfAbsent(key.name(), k -> new TokenBucket(burst, nanoClock.getAsLong()));
    return bucket.tryTake(burst, rate, nanoClock.getAsLong());
  }
}

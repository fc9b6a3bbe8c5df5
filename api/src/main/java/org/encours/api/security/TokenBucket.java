package org.encours.api.security;

/**
 * A token bucket: it holds at most {@code capacity} tokens and gains {@code perSecond} tokens a
 * second. The rate limit spends a token per request of a key; the key-guessing throttle spends one
 * per invalid key of an address. Times are {@link System#nanoTime()} readings.
 */
final class TokenBucket {
  private double tokens;
  private long updated;

  TokenBucket(int capacity, long now) {
    this.tokens = capacity;
    this.updated = now;
  }

  private void refill(int capacity, double perSecond, long now) {
    tokens = Math.min(capacity, tokens + (now - updated) / 1e9 * perSecond);
    updated = now;
  }

  /**
   * Takes a token when there is one and answers 0; otherwise takes none and answers the whole
   * seconds until one is there (at least 1), for {@code Retry-After}.
   */
  synchronized long tryTake(int capacity, double perSecond, long now) {
    refill(capacity, perSecond, now);
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return secondsToNextToken(perSecond);
  }

  /** Takes a token, or leaves the bucket empty when there is none. */
  synchronized void spend(int capacity, double perSecond, long now) {
    refill(capacity, perSecond, now);
    tokens = Math.max(0, tokens - 1);
  }

  /** 0 while a token is there, otherwise the whole seconds until one is (at least 1). */
  synchronized long wait(int capacity, double perSecond, long now) {
    refill(capacity, perSecond, now);
    return tokens >= 1 ? 0 : secondsToNextToken(perSecond);
  }

  synchronized boolean full(int capacity, double perSecond, long now) {
    refill(capacity, perSecond, now);
    return tokens >= capacity;
  }

  private long secondsToNextToken(double perSecond) {
    return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
  }
}

package org.encours.api.http;

import java.time.Duration;

/**
 * Limits of the web server: the size of the request line and headers, how long a request body may
 * pause before the request is answered 408, and the throttling of invalid API keys per client
 * address ({@code authFailures} invalid keys at once, one more regained every {@code
 * authFailureWindow / authFailures}; 0 turns throttling off).
 */
public record HttpLimits(
    int maxHeaderBytes, Duration bodyIdleTimeout, int authFailures, Duration authFailureWindow) {
  public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
  public static final Duration DEFAULT_BODY_IDLE_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_AUTH_FAILURES = 20;
  public static final Duration DEFAULT_AUTH_FAILURE_WINDOW = Duration.ofMinutes(1);

  public static final HttpLimits DEFAULTS =
      new HttpLimits(
          DEFAULT_MAX_HEADER_BYTES,
          DEFAULT_BODY_IDLE_TIMEOUT,
          DEFAULT_AUTH_FAILURES,
          DEFAULT_AUTH_FAILURE_WINDOW);

  public HttpLimits {
    if (maxHeaderBytes < 1024) {
      throw new IllegalArgumentException("maxHeaderBytes must be 1024 or more");
    }
    if (bodyIdleTimeout.isNegative() || bodyIdleTimeout.isZero()) {
      throw new IllegalArgumentException("bodyIdleTimeout must be positive");
    }
    if (authFailures < 0 || authFailureWindow.isNegative() || authFailureWindow.isZero()) {
      throw new IllegalArgumentException(
          "authFailures must be 0 or more, authFailureWindow positive");
    }
  }

  public HttpLimits withAuthFailures(int failures, Duration window) {
    return new HttpLimits(maxHeaderBytes, bodyIdleTimeout, failures, window);
  }

  public HttpLimits withBodyIdleTimeout(Duration timeout) {
    return new HttpLimits(maxHeaderBytes, timeout, authFailures, authFailureWindow);
  }
}

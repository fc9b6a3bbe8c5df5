package org.encours.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthThrottleTest {
  static final long SECOND = 1_000_000_000L;

  final AtomicLong now = new AtomicLong(1_000 * SECOND);
  // 3 invalid keys at once, one more every 10 s
  final AuthThrottle throttle = new AuthThrottle(3, Duration.ofSeconds(30), now::get);

  @Test
  void anAddressIsBlockedAfterItsInvalidKeysAndRegainsOneAttemptPerInterval() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.retryAfterSeconds("10.0.0.1")).isZero();
      throttle.failed("10.0.0.1");
    }
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(10);
    now.addAndGet(4 * SECOND);
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(6);
    now.addAndGet(6 * SECOND);
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isZero();
    throttle.failed("10.0.0.1");
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(10);
  }

  @Test
  void otherAddressesAreNotAffected() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("10.0.0.1");
    }
    assertThat(throttle.retryAfterSeconds("10.0.0.1")).isPositive();
    assertThat(throttle.retryAfterSeconds("10.0.0.2")).isZero();
    throttle.failed("10.0.0.2");
    assertThat(throttle.retryAfterSeconds("10.0.0.2")).isZero();
  }

  @Test
  void ipv6AddressesCountPerSlash64Network() {
    throttle.failed("2001:db8:1:2::1");
    throttle.failed("2001:db8:1:2:ffff::7");
    throttle.failed("[2001:0db8:0001:0002:0000:0000:0000:0009]");
    assertThat(throttle.retryAfterSeconds("2001:db8:1:2::42")).isEqualTo(10);
    assertThat(throttle.retryAfterSeconds("2001:db8:1:3::1")).isZero();
    assertThat(AuthThrottle.network("2001:db8:1:2::1")).isEqualTo("2001:db8:1:2::/64");
    assertThat(AuthThrottle.network("192.0.2.7")).isEqualTo("192.0.2.7");
  }

  @Test
  void zeroFailuresTurnsThrottlingOff() {
    AuthThrottle off = new AuthThrottle(0, Duration.ofMinutes(1), now::get);
    for (int i = 0; i < 1000; i++) {
      off.failed("10.0.0.1");
    }
    assertThat(off.enabled()).isFalse();
    assertThat(off.retryAfterSeconds("10.0.0.1")).isZero();
  }
}

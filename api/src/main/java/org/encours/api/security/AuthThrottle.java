package org.encours.api.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throttles the guessing of API keys: a token bucket of invalid keys per client address. An address
 * may present {@code failures} invalid keys at once and regains one every {@code window /
 * failures}; while its bucket is empty, every request with a key from it is refused (429) without
 * looking at the key, so a guess cannot be confirmed either. Valid keys use no token, and other
 * addresses are not affected. IPv6 addresses count per /64 network (what one host usually holds).
 *
 * <p>At most {@value #MAX_TRACKED} addresses are tracked; past that, buckets that have filled up
 * again are dropped, and while none can be dropped a new address is not tracked (logged once).
 */
public final class AuthThrottle {
  static final int MAX_TRACKED = 100_000;
  private static final Logger LOG = LoggerFactory.getLogger(AuthThrottle.class);

  private final int failures;
  private final double perSecond;
  private final LongSupplier nanoClock;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private volatile boolean warnedFull;

  /** {@code failures} 0 turns throttling off. */
  public AuthThrottle(int failures, Duration window) {
    this(failures, window, System::nanoTime);
  }

  AuthThrottle(int failures, Duration window, LongSupplier nanoClock) {
    if (failures < 0 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("failures must be 0 or more and the window positive");
    }
    this.failures = failures;
    this.perSecond = failures / (window.toNanos() / 1e9);
    this.nanoClock = nanoClock;
  }

  public boolean enabled() {
    return failures > 0;
  }

  /** 0 when the address may present a key; otherwise the whole seconds to wait (at least 1). */
  public long retryAfterSeconds(String address) {
    if (!enabled()) {
      return 0;
    }
    TokenBucket bucket = buckets.get(network(address));
    return bucket == null ? 0 : bucket.wait(failures, perSecond, nanoClock.getAsLong());
  }

  /** Counts an invalid key presented from the address. */
  public void failed(String address) {
    if (!enabled()) {
      return;
    }
    String network = network(address);
    long now = nanoClock.getAsLong();
    TokenBucket bucket = buckets.get(network);
    if (bucket == null) {
      if (buckets.size() >= MAX_TRACKED) {
        buckets.values().removeIf(b -> b.full(failures, perSecond, now));
        if (buckets.size() >= MAX_TRACKED) {
          if (!warnedFull) {
            warnedFull = true;
            LOG.warn(
                "Invalid API keys come from more than {} addresses: new addresses are not throttled until older ones expire",
                MAX_TRACKED);
          }
          return;
        }
      }
      bucket = buckets.computeIfAbsent(network, k -> new TokenBucket(failures, now));
    }
    bucket.spend(failures, perSecond, now);
  }

  /** The address itself for IPv4, the /64 network for IPv6. */
  static String network(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return String.valueOf(address);
    }
    try {
      byte[] bytes =
          InetAddress.getByName(
                  address.startsWith("[") ? address.substring(1, address.length() - 1) : address)
              .getAddress();
      if (bytes.length != 16) {
        return address;
      }
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        b.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
      }
      return b.append(":/64").toString();
    } catch (UnknownHostException | RuntimeException e) {
      return address;
    }
  }
}

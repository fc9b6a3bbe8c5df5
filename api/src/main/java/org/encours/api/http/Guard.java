package org.encours.api.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.encours.api.security.ApiKey;
import org.encours.api.security.ApiKeyStore;
import org.encours.api.security.AuthThrottle;
import org.encours.api.security.RateLimiter;
import org.encours.api.security.Scope;

/**
 * Wraps a handler: the caller must present a valid key ({@code Authorization: Bearer KEY} or {@code
 * X-API-Key: KEY}) with the scope, within its rate limit. An address that sent too many invalid
 * keys is refused before its key is looked at ({@link AuthThrottle}). The key's name is kept on the
 * request (attribute {@code encours.key}); the key itself is never logged.
 */
final class Guard {
  static final String KEY_ATTRIBUTE = "encours.key";

  private final ApiKeyStore keys;
  private final RateLimiter limiter;
  private final AuthThrottle throttle;

  Guard(ApiKeyStore keys, RateLimiter limiter, AuthThrottle throttle) {
    this.keys = keys;
    this.limiter = limiter;
    this.throttle = throttle;
  }

  Handler protect(Scope scope, Handler handler) {
    return ctx -> {
      String address = ctx.req().getRemoteAddr();
      long blocked = throttle.retryAfterSeconds(address);
      if (blocked > 0) {
        throw Problems.tooManyFailedKeys(blocked);
      }
      ApiKey key = authenticate(ctx, address);
      if (!key.allows(scope)) {
        throw Problems.forbidden(key.name(), scope.word());
      }
      long wait = limiter.acquire(key);
      if (wait > 0) {
        throw Problems.tooManyRequests(key.name(), wait);
      }
      handler.handle(ctx);
    };
  }

  private ApiKey authenticate(Context ctx, String address) {
    String presented = ctx.header("X-API-Key");
    if (presented == null) {
      String authorization = ctx.header("Authorization");
      if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        presented = authorization.substring(7).trim();
      } else if (authorization != null) {
        throw Problems.unauthorized("Use 'Authorization: Bearer KEY' (another scheme was sent).");
      }
    }
    if (presented == null || presented.isEmpty()) {
      throw Problems.unauthorized(
          "No API key: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'.");
    }
    ApiKey key = keys.authenticate(presented).orElse(null);
    if (key == null) {
      throttle.failed(address);
      throw Problems.unauthorized("The API key is not valid.");
    }
    ctx.attribute(KEY_ATTRIBUTE, key.name());
    return key;
  }
}

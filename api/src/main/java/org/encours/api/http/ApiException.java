package org.encours.api.http;

import java.util.Map;

/**
 * An error answered as a problem body: status, a short stable title, a detail the caller can act
 * on, and response headers (Retry-After, WWW-Authenticate). Create them through {@link Problems}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String slug;
  private final String title;
  private final transient Map<String, String> headers;

  ApiException(int status, String slug, String title, String detail, Map<String, String> headers) {
    super(detail, null, false, false); // no stack trace: these are answers, not failures
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.headers = headers;
  }

  public int status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public Map<String, String> headers() {
    return headers;
  }
}

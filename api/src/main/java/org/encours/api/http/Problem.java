package org.encours.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * An RFC 7807 problem body ({@code application/problem+json}). {@code type} points at the error's
 * description in the docs page; {@code instance} is the request path, absent when the request was
 * too malformed to have one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {
  public static final String CONTENT_TYPE = "application/problem+json";

  private static final ObjectWriter WRITER =
      Json.mapper().writer().with(JsonGenerator.Feature.ESCAPE_NON_ASCII);

  /** The problem for an {@link ApiException} at {@code path} (null when unknown). */
  static Problem of(ApiException e, String path) {
    return new Problem(
        "/docs#problem-" + e.slug(),
        e.title(),
        e.status(),
        e.getMessage(),
        path == null ? null : Problems.clip(path, 200));
  }

  /**
   * The body as bytes: JSON in pure ASCII (anything else written as a backslash-u escape), so it is
   * valid UTF-8 whatever the text it quotes and however a client guesses the charset.
   */
  byte[] toBytes() {
    try {
      return WRITER.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

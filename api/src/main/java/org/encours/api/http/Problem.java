package org.encours.api.http;

/**
 * An RFC 7807 problem body ({@code application/problem+json}). {@code type} points at the error's
 * description in the docs page.
 */
public record Problem(String type, String title, int status, String detail, String instance) {
  public static final String CONTENT_TYPE = "application/problem+json";
}

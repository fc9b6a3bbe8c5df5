package org.encours.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.encours.api.testing.RawHttp;

/** Assertions shared by the HTTP tests. */
final class Problems2 {
  static final ObjectMapper JSON = new ObjectMapper();

  private Problems2() {}

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /** A problem body with the status, and nothing that looks like a stack trace. */
  static JsonNode assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode body = json(response);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("type").asText()).startsWith("/docs#problem-");
    assertThat(body.get("title").asText()).isNotBlank();
    assertThat(body.get("detail").asText()).isNotBlank();
    assertThat(body.get("instance").asText()).startsWith("/");
    assertThat(response.body()).doesNotContain("\tat ", "Exception", ".java:");
    return body;
  }

  /**
   * A problem read off a raw socket: the status, the problem media type, a body of valid UTF-8 JSON
   * under 4 KiB with the same status, and nothing that looks like a stack trace or an HTML page.
   */
  static JsonNode assertProblem(RawHttp.Response response, int status) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.header("Content-Type"))
        .as(response.toString())
        .startsWith("application/problem+json");
    assertThat(response.bodyBytes()).as(response.toString()).isLessThan(4096);
    String text = response.utf8();
    JsonNode body;
    try {
      body = JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
    assertThat(body.get("status").asInt()).as(text).isEqualTo(status);
    assertThat(body.get("type").asText()).as(text).startsWith("/docs#problem-");
    assertThat(body.get("title").asText()).as(text).isNotBlank();
    assertThat(body.get("detail").asText()).as(text).isNotBlank();
    assertThat(text).doesNotContain("\tat ", "Exception", ".java:", "<html");
    return body;
  }
}

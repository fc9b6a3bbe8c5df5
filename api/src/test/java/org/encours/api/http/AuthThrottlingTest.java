package org.encours.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.encours.api.http.Problems2.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import org.encours.api.security.Scope;
import org.encours.api.testing.ApiFixture;
import org.encours.api.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invalid keys are throttled per client address (here 3 at once, one more every 20 s). Each test
 * sends from its own loopback address (127.0.0.x), as distinct clients would.
 */
class AuthThrottlingTest {
  @TempDir static Path warehouse;
  static ApiFixture api;

  @BeforeAll
  static void start() {
    api =
        new ApiFixture(
            warehouse, true, ApiFixture.LIMITS.withAuthFailures(3, Duration.ofSeconds(60)));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static RawHttp.Response get(String from, String path, String key) {
    try {
      String auth = key == null ? "" : "Authorization: Bearer " + key + "\n";
      return RawHttp.exchange(
          api.port(),
          RawHttp.bytes("GET " + path + " HTTP/1.1\nHost: t\n" + auth + "Connection: close\n\n"),
          RawHttp.Options.DEFAULT.from(InetAddress.getByName(from)));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void repeatedInvalidKeysFromOneAddressGet429WithRetryAfterAndAProblemBody() {
    for (int i = 0; i < 3; i++) {
      assertProblem(get("127.0.0.11", "/v1/customers/C001/score", "enc_guess-" + i), 401);
    }
    RawHttp.Response refused = get("127.0.0.11", "/v1/customers/C001/score", "enc_guess-3");
    JsonNode p = assertProblem(refused, 429);
    assertThat(p.get("type").asText()).isEqualTo("/docs#problem-too-many-failed-keys");
    assertThat(refused.header("Retry-After")).isEqualTo("20");
    // while blocked, even a valid key from that address is refused: a guess cannot be confirmed
    assertProblem(get("127.0.0.11", "/v1/customers/C001/score", api.key(Scope.SALES)), 429);
  }

  @Test
  void aThrottledAddressDoesNotBlockValidKeysFromOtherAddresses() {
    for (int i = 0; i < 4; i++) {
      get("127.0.0.12", "/v1/scores", "enc_guess-" + i);
    }
    assertProblem(get("127.0.0.12", "/v1/scores", api.key(Scope.DUNNING)), 429);
    assertThat(get("127.0.0.13", "/v1/scores", api.key(Scope.DUNNING)).status()).isEqualTo(200);
    assertProblem(get("127.0.0.13", "/v1/scores", "enc_guess-0"), 401);
  }

  @Test
  void validKeysAndMissingKeysAreNotCountedAsFailures() {
    for (int i = 0; i < 10; i++) {
      assertThat(get("127.0.0.14", "/v1/customers/C001/score", api.key(Scope.SALES)).status())
          .isEqualTo(200);
      assertProblem(get("127.0.0.14", "/v1/customers/C001/score", null), 401);
    }
    assertProblem(get("127.0.0.14", "/v1/customers/C001/score", "enc_guess-0"), 401);
  }

  @Test
  void openEndpointsStayOpenForAThrottledAddress() {
    for (int i = 0; i < 4; i++) {
      get("127.0.0.15", "/v1/scores", "enc_guess-" + i);
    }
    assertProblem(get("127.0.0.15", "/v1/scores", api.key(Scope.DUNNING)), 429);
    assertThat(get("127.0.0.15", "/health", null).status()).isEqualTo(200);
  }
}

package org.encours.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.encours.api.testing.TestTables;
import org.encours.core.UserFacingException;
import org.encours.core.security.KeyHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @TempDir Path dir;

  ServeCommand command(Path keys, int port) {
    ServeCommand c = new ServeCommand();
    c.port = port;
    c.host = "127.0.0.1";
    c.warehouse = dir.resolve("warehouse").toString();
    c.keys = keys;
    c.reloadSeconds = 30;
    c.rateLimit = 50;
    c.burst = 100;
    c.authFailures = 20;
    c.authFailureWindow = 60;
    return c;
  }

  @Test
  void badConfigurationFailsAtStartNamingTheOption() {
    assertThatThrownBy(() -> command(dir.resolve("missing.yaml"), 8080).start())
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("--keys")
        .hasMessageContaining("missing.yaml");
    assertThatThrownBy(() -> command(dir.resolve("missing.yaml"), 70000).start())
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("--port")
        .hasMessageContaining("70000");
    ServeCommand negative = command(dir.resolve("missing.yaml"), 8080);
    negative.authFailures = -1;
    assertThatThrownBy(negative::start)
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("--auth-failures")
        .hasMessageContaining("-1");
    ServeCommand instant = command(dir.resolve("missing.yaml"), 8080);
    instant.authFailureWindow = 0;
    assertThatThrownBy(instant::start)
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("--auth-failure-window");
  }

  @Test
  void servesTheWarehouseWithTheKeysFile() throws Exception {
    new TestTables(dir.resolve("warehouse")).writeAll();
    String key = KeyHash.newKey();
    Path keys = dir.resolve("keys.yaml");
    Files.writeString(
        keys,
        "keys:\n  - name: crm\n    hash: \""
            + KeyHash.of(key).text()
            + "\"\n    scopes: [sales]\n");
    Javalin app = command(keys, 0).start();
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + app.port() + "/v1/customers/C001/score"))
                      .header("Authorization", "Bearer " + key)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"customerId\":\"C001\"");
    } finally {
      app.stop();
    }
  }
}

package org.encours.api.testing;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.encours.api.data.SnapshotStore;
import org.encours.api.engines.ProspectScoring;
import org.encours.api.http.ApiApp;
import org.encours.api.http.ApiServices;
import org.encours.api.http.HttpLimits;
import org.encours.api.metrics.ApiMetrics;
import org.encours.api.security.ApiKey;
import org.encours.api.security.ApiKeyStore;
import org.encours.api.security.RateLimiter;
import org.encours.api.security.Scope;
import org.encours.core.policy.Policy;
import org.encours.core.security.KeyHash;
import org.encours.warehouse.reader.DeltaTableReader;

/**
 * A started API over a temporary warehouse, with one key per scope and a client. Tests start it in
 * {@code @BeforeAll} and close it in {@code @AfterAll}.
 */
public final class ApiFixture implements AutoCloseable {
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-02T09:00:00Z"), ZoneOffset.UTC);

  public final Map<Scope, String> keys = new EnumMap<>(Scope.class);
  public final String limitedKey = KeyHash.newKey();
  public final SnapshotStore store;
  public final TestTables tables;
  private final Javalin app;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * The limits of the test servers: short pauses in a body are answered quickly, and invalid keys
   * are not throttled (the auth tests send many); tests of those limits pass their own.
   */
  public static final HttpLimits LIMITS =
      HttpLimits.DEFAULTS
          .withBodyIdleTimeout(Duration.ofSeconds(2))
          .withAuthFailures(0, Duration.ofMinutes(1));

  public ApiFixture(Path warehouse, boolean writeTables) {
    this(warehouse, writeTables, LIMITS, FakeEngines.prospects());
  }

  public ApiFixture(Path warehouse, boolean writeTables, HttpLimits limits) {
    this(warehouse, writeTables, limits, FakeEngines.prospects());
  }

  /** The shipped policy and the prospect scorer {@code prospects}. */
  public ApiFixture(Path warehouse, boolean writeTables, ProspectScoring prospects) {
    this(warehouse, writeTables, LIMITS, prospects);
  }

  public ApiFixture(
      Path warehouse, boolean writeTables, HttpLimits limits, ProspectScoring prospects) {
    tables = new TestTables(warehouse);
    if (writeTables) {
      tables.writeAll();
    }
    List<ApiKey> entries = new ArrayList<>();
    for (Scope scope : Scope.values()) {
      String key = KeyHash.newKey();
      keys.put(scope, key);
      entries.add(new ApiKey(scope.word() + "-key", KeyHash.of(key), Set.of(scope), null, null));
    }
    entries.add(new ApiKey("limited", KeyHash.of(limitedKey), Set.of(Scope.SALES), 0.5, 2));
    store = new SnapshotStore(warehouse.toString(), DeltaTableReader.local());
    ApiMetrics metrics = new ApiMetrics();
    metrics.follow(store);
    store.reload();
    ApiServices services =
        new ApiServices(
            store,
            new ApiKeyStore(entries),
            new RateLimiter(1_000_000, 1_000_000),
            prospects,
            Policy.defaults(),
            metrics,
            CLOCK,
            ApiServices.DEFAULT_MAX_BODY_BYTES);
    app = ApiApp.create(services, limits).start("127.0.0.1", 0);
  }

  public String key(Scope scope) {
    return keys.get(scope);
  }

  public int port() {
    return app.port();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  public HttpResponse<String> get(String path, String key) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), key);
  }

  public HttpResponse<String> get(String path, String key, String header, String value) {
    return send(HttpRequest.newBuilder(uri(path)).GET().header(header, value), key);
  }

  public HttpResponse<String> post(String path, String key, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json"),
        key);
  }

  public HttpResponse<String> send(HttpRequest.Builder request, String key) {
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    try {
      return client.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpClient client() {
    return client;
  }

  @Override
  public void close() {
    app.stop();
    store.close();
  }
}

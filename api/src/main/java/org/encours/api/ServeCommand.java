package org.encours.api;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.encours.api.data.LoadedTable;
import org.encours.api.data.ServedTable;
import org.encours.api.data.SnapshotStore;
import org.encours.api.http.ApiApp;
import org.encours.api.http.ApiServices;
import org.encours.api.http.HttpLimits;
import org.encours.api.metrics.ApiMetrics;
import org.encours.api.security.ApiKeyStore;
import org.encours.api.security.RateLimiter;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.EncoursCommand;
import org.encours.warehouse.reader.DeltaTableReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code encours serve}: loads the served tables from the warehouse, starts the HTTP API and keeps
 * the tables fresh. Runs on the API module's classpath (no Spark).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve scores, recommendations, dunning plans and portfolio figures over HTTP (JSON, API keys).",
    footer = {
      "",
      "Keys: a YAML/JSON file (--keys) or the document itself in ENCOURS_API_KEYS; 'encours api-key' makes an entry.",
      "Docs of the endpoints: http://HOST:PORT/docs once started."
    })
public final class ServeCommand implements EncoursCommand {
  private static final Logger LOG = LoggerFactory.getLogger("encours.serve");

  @Option(
      names = "--port",
      description = "Port to listen on (default: ${DEFAULT-VALUE}; 0: any free port, logged).",
      defaultValue = "8080")
  int port;

  @Option(
      names = "--host",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).",
      defaultValue = "127.0.0.1")
  String host;

  @Option(
      names = "--warehouse",
      description = "Warehouse folder. Default: $ENCOURS_WAREHOUSE, else ./var/warehouse.")
  String warehouse;

  @Option(
      names = "--keys",
      description = "API keys file (YAML or JSON). Default: the document in $ENCOURS_API_KEYS.")
  Path keys;

  @Option(
      names = "--reload-seconds",
      description = "Seconds between checks for new table versions (default: ${DEFAULT-VALUE}).",
      defaultValue = "30")
  double reloadSeconds;

  @Option(
      names = "--rate-limit",
      description =
          "Requests per second per key, sustained (default: ${DEFAULT-VALUE}; 0: no limit).",
      defaultValue = "50")
  double rateLimit;

  @Option(
      names = "--prospect-model",
      paramLabel = "DIR",
      description =
          "Folder of the prospect model (encours train-prospects --out). Without it, prospect scoring answers 503.")
  java.nio.file.Path prospectModel;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Prevention policy override (YAML) for quotes; default: the shipped policy.")
  java.nio.file.Path policyFile;

  @Option(
      names = "--burst",
      description = "Requests per key allowed at once (default: ${DEFAULT-VALUE}).",
      defaultValue = "100")
  int burst;

  @Option(
      names = "--auth-failures",
      description =
          "Invalid API keys one client address may send before it gets 429 (default: ${DEFAULT-VALUE}; 0: no throttling).",
      defaultValue = "20")
  int authFailures;

  @Option(
      names = "--auth-failure-window",
      paramLabel = "SECONDS",
      description =
          "Seconds in which an address regains all its --auth-failures (default: ${DEFAULT-VALUE}).",
      defaultValue = "60")
  double authFailureWindow;

  private org.encours.core.policy.Policy policy() {
    return policyFile == null
        ? org.encours.core.policy.Policy.load()
        : org.encours.core.policy.Policy.load(policyFile);
  }

  @Override
  public Integer call() throws Exception {
    Javalin app = start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Stopping");
                  app.stop();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  /** Validates the options, loads the tables and starts the server (returned started). */
  Javalin start() {
    if (port < 0 || port > 65535) {
      throw EncoursErrors.badArgument(
          "--port", Integer.toString(port), "a port from 1 to 65535 (0: any free port)");
    }
    if (host == null || host.isBlank()) {
      throw EncoursErrors.badArgument(
          "--host", String.valueOf(host), "an address such as 127.0.0.1 or 0.0.0.0");
    }
    if (!(reloadSeconds >= 0.1)) {
      throw EncoursErrors.badArgument(
          "--reload-seconds", Double.toString(reloadSeconds), "a number of seconds, 0.1 or more");
    }
    if (rateLimit < 0 || burst < 1) {
      throw EncoursErrors.badArgument(
          rateLimit < 0 ? "--rate-limit" : "--burst",
          rateLimit < 0 ? Double.toString(rateLimit) : Integer.toString(burst),
          rateLimit < 0 ? "0 or more requests per second" : "1 or more");
    }
    if (authFailures < 0) {
      throw EncoursErrors.badArgument(
          "--auth-failures",
          Integer.toString(authFailures),
          "0 (no throttling) or more invalid keys");
    }
    if (!(authFailureWindow >= 1)) {
      throw EncoursErrors.badArgument(
          "--auth-failure-window",
          Double.toString(authFailureWindow),
          "a number of seconds, 1 or more");
    }
    HttpLimits limits =
        HttpLimits.DEFAULTS.withAuthFailures(
            authFailures, Duration.ofMillis((long) (authFailureWindow * 1000)));
    ApiKeyStore keyStore = loadKeys();
    String root = warehouse();
    LOG.info("Reading tables from {}", root);
    SnapshotStore store = new SnapshotStore(root, DeltaTableReader.local());
    ApiMetrics metrics = new ApiMetrics();
    metrics.follow(store);
    store.onReload(ServeCommand::describe);
    store.reload();
    logMemory();
    store.startPolling(Duration.ofMillis((long) (reloadSeconds * 1000)));
    org.encours.core.policy.Policy policy = policy();
    ApiServices services =
        new ApiServices(
            store,
            keyStore,
            new RateLimiter(rateLimit, burst),
            Engines.prospectScoring(prospectModel, policy.grades()),
            policy,
            metrics,
            Clock.systemDefaultZone(),
            ApiServices.DEFAULT_MAX_BODY_BYTES);
    if (services.prospects() == null) {
      LOG.info(
          "No prospect model (--prospect-model): /v1/prospects/score and quotes for prospects answer 503");
    }
    Javalin app = ApiApp.create(services, limits);
    try {
      app.start(host, port);
    } catch (RuntimeException e) {
      store.close();
      throw EncoursErrors.cannot(
          "listen on", host + ":" + port, rootCauseOf(e), "Choose another --port or --host.");
    }
    LOG.info(
        "Serving on http://{}:{} (docs at /docs); {} API key(s): {}; rate limit {}/s per key; {}; checking for new versions every {} s",
        host,
        app.port(),
        keyStore.keys().size(),
        keyStore.keys().stream()
            .map(k -> k.name() + " " + k.scopes().stream().map(s -> s.word()).sorted().toList())
            .collect(Collectors.joining(", ")),
        rateLimit == 0 ? "no" : fmt(rateLimit),
        authFailures == 0
            ? "invalid keys not throttled"
            : authFailures + " invalid keys per address per " + fmt(authFailureWindow) + " s",
        fmt(reloadSeconds));
    return app;
  }

  private ApiKeyStore loadKeys() {
    if (keys != null) {
      return ApiKeyStore.fromFile(keys);
    }
    String env = System.getenv("ENCOURS_API_KEYS");
    if (env == null || env.isBlank()) {
      throw EncoursErrors.missingArgument(
          "API keys",
          "give --keys FILE or set ENCOURS_API_KEYS to the keys document. 'encours api-key --name NAME --scopes sales' prints an entry");
    }
    return ApiKeyStore.parse(env, "ENCOURS_API_KEYS");
  }

  private String warehouse() {
    String chosen = warehouse;
    if (chosen == null || chosen.isBlank()) {
      chosen = System.getenv("ENCOURS_WAREHOUSE");
    }
    if (chosen == null || chosen.isBlank()) {
      chosen = "var/warehouse";
    }
    if (!chosen.contains("://") && !chosen.startsWith("file:")) {
      Path p = Path.of(chosen).toAbsolutePath().normalize();
      if (!java.nio.file.Files.isDirectory(p)) {
        LOG.warn(
            "The warehouse folder {} does not exist yet: every table endpoint answers 503 until the jobs write it",
            p);
      }
      chosen = p.toString();
    }
    return chosen;
  }

  private static void describe(SnapshotStore.ReloadResult result) {
    for (LoadedTable<?> t : result.loaded().values()) {
      LOG.info(
          "Loaded {} version {}{}: {} rows",
          t.table().tableName(),
          t.version(),
          t.asOf() == null ? "" : " (as of " + t.asOf() + ")",
          String.format(Locale.ROOT, "%,d", t.rows()));
    }
    result
        .failed()
        .forEach((table, why) -> LOG.warn("Could not load {}: {}", table.tableName(), why));
    if (!result.missing().isEmpty() && result.loaded().isEmpty() && result.unchanged().isEmpty()) {
      LOG.warn("No served table exists yet in the warehouse");
    }
    for (ServedTable table : result.missing()) {
      LOG.info(
          "Table {} does not exist yet: its endpoints answer 503 until '{}' writes it",
          table.tableName(),
          table.writtenBy());
    }
  }

  private static void logMemory() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    LOG.info(
        "Heap in use after loading: {} MiB of {} MiB maximum", used >> 20, rt.maxMemory() >> 20);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static Throwable rootCauseOf(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}

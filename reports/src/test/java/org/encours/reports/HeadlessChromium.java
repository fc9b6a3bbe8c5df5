package org.encours.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a page in headless Chromium and talks to it over the DevTools protocol (a WebSocket, with
 * the JDK's HTTP client): every console error, uncaught exception and browser log error (a resource
 * that failed to load, a blocked request) is collected while the page loads, then a script
 * evaluated in the page reports what the test wants to check. This is more reliable than scraping
 * {@code --enable-logging=stderr}, which prints console.log and console.error alike and omits
 * failed resource loads.
 *
 * <pre>
 * chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
 *          --disable-sync --no-first-run --user-data-dir=TMP --remote-debugging-port=0 --remote-allow-origins=* about:blank
 * stderr: "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/..."; GET http://127.0.0.1:PORT/json/list -> page target
 * WebSocket to the page: Runtime.enable, Log.enable, Page.enable, Page.navigate {url}; wait for Page.loadEventFired;
 * Runtime.evaluate {expression, returnByValue: true}; Browser.close
 * </pre>
 */
final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
  private static final long WAIT_SECONDS = 90;

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
  private final List<String> errors = new ArrayList<>();
  private int nextId = 1;

  /** The Chromium executable: $CHROMIUM, else chromium or chromium-browser on the PATH. */
  static Optional<Path> find() {
    List<String> names = new ArrayList<>();
    String env = System.getenv("CHROMIUM");
    if (env != null && !env.isBlank()) {
      names.add(env);
    }
    names.addAll(List.of("chromium", "chromium-browser", "google-chrome"));
    for (String n : names) {
      Path p = Path.of(n);
      if (p.isAbsolute() && Files.isExecutable(p)) {
        return Optional.of(p);
      }
      for (String dir :
          System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
        Path c = Path.of(dir, n);
        if (Files.isExecutable(c)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  HeadlessChromium(Path executable) throws Exception {
    profile = Files.createTempDirectory("encours-chromium-");
    process =
        new ProcessBuilder(
                executable.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                "about:blank")
            .redirectErrorStream(true)
            .start();
    CompletableFuture<String> browserUrl = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    browserUrl.complete(m.group(1));
                  }
                }
              } catch (IOException e) {
                browserUrl.completeExceptionally(e);
              }
              browserUrl.completeExceptionally(
                  new IllegalStateException("Chromium exited without opening DevTools"));
            },
            "chromium-output");
    reader.setDaemon(true);
    reader.start();
    URI browser = URI.create(browserUrl.get(WAIT_SECONDS, TimeUnit.SECONDS));
    HttpClient http = HttpClient.newHttpClient();
    String list =
        http.send(
                HttpRequest.newBuilder(
                        URI.create("http://" + browser.getAuthority() + "/json/list"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String pageUrl = null;
    for (JsonNode t : JSON.readTree(list)) {
      if ("page".equals(t.path("type").asText())) {
        pageUrl = t.path("webSocketDebuggerUrl").asText();
        break;
      }
    }
    if (pageUrl == null) {
      throw new IllegalStateException("No page target in Chromium: " + list);
    }
    socket =
        http.newWebSocketBuilder()
            .buildAsync(URI.create(pageUrl), new Listener())
            .get(WAIT_SECONDS, TimeUnit.SECONDS);
    call("Runtime.enable", null);
    call("Log.enable", null);
    call("Page.enable", null);
  }

  /** Loads the page and waits for its load event; errors seen so far are in {@link #errors()}. */
  void open(Path file) throws Exception {
    ObjectNode params = JSON.createObjectNode().put("url", file.toUri().toString());
    call("Page.navigate", params);
    awaitEvent("Page.loadEventFired");
  }

  /** Evaluates a script in the page and returns its value (returnByValue). */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode r =
        call(
            "Runtime.evaluate",
            JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("Script failed in the page: " + r.path("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** Console errors, uncaught exceptions and browser log errors. */
  List<String> errors() throws Exception {
    drain();
    return List.copyOf(errors);
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = nextId++;
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    if (params != null) {
      msg.set("params", params);
    }
    socket.sendText(JSON.writeValueAsString(msg), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    while (true) {
      JsonNode m = next();
      if (m.path("id").asInt(-1) == id) {
        if (m.has("error")) {
          throw new IllegalStateException(method + " failed: " + m.path("error"));
        }
        return m.path("result");
      }
    }
  }

  private void awaitEvent(String method) throws Exception {
    while (!method.equals(next().path("method").asText())) {
      // keep reading; next() records errors on the way
    }
  }

  private JsonNode next() throws Exception {
    JsonNode m = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (m == null) {
      throw new IllegalStateException("No answer from Chromium within " + WAIT_SECONDS + " s");
    }
    record(m);
    return m;
  }

  private void drain() {
    JsonNode m;
    while ((m = messages.poll()) != null) {
      record(m);
    }
  }

  private void record(JsonNode m) {
    String method = m.path("method").asText("");
    JsonNode p = m.path("params");
    switch (method) {
      case "Runtime.consoleAPICalled" -> {
        String type = p.path("type").asText();
        if (type.equals("error") || type.equals("assert")) {
          errors.add("console." + type + ": " + p.path("args"));
        }
      }
      case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
      case "Log.entryAdded" -> {
        if ("error".equals(p.path("entry").path("level").asText())) {
          errors.add(
              "log "
                  + p.path("entry").path("source").asText()
                  + ": "
                  + p.path("entry").path("text").asText()
                  + " "
                  + p.path("entry").path("url").asText(""));
        }
      }
      default -> {}
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (socket != null) {
        socket.sendText("{\"id\":999999,\"method\":\"Browser.close\"}", true);
      }
    } finally {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(JSON.readTree(partial.toString()));
        } catch (IOException e) {
          errors.add("unreadable DevTools message: " + e.getMessage());
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}

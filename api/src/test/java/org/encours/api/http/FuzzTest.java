package org.encours.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.encours.api.security.Scope;
import org.encours.api.testing.ApiFixture;
import org.encours.api.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * About 1 MiB of generated requests (seeded, so every run sends the same bytes): valid requests of
 * every endpoint mutated byte by byte and token by token, JSON bodies with extreme numbers, deep
 * nesting and invalid UTF-8, URLs with broken escapes, dot segments and raw bytes, odd media types
 * and headers. Whatever arrives, the server answers quickly, never with a 5xx, never with more than
 * 64 KiB, every error as a problem+json body in valid UTF-8, and its heap stays far from its limit.
 */
class FuzzTest {
  static final long SEED = 26;
  static final int TOTAL_BYTES = 1 << 20;
  static final int MAX_ANSWER_BYTES = 64 * 1024;

  @TempDir Path warehouse;

  @Test
  void aMebibyteOfRandomAndMutatedRequestsGetsNoServerErrorAndOnlySmallProblemAnswers()
      throws Exception {
    List<byte[]> requests;
    try (ApiFixture api = new ApiFixture(warehouse, true)) {
      requests = new Generator(new Random(SEED), api.key(Scope.ADMIN)).requests(TOTAL_BYTES);
      assertThat(requests.stream().mapToLong(r -> r.length).sum())
          .isGreaterThanOrEqualTo(TOTAL_BYTES);
      resetPeaks();
      List<String> failures = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    for (int i = thread; i < requests.size(); i += 2) {
                      String failure =
                          check(RawHttp.exchange(api.port(), requests.get(i), FUZZ_OPTIONS));
                      if (failure != null) {
                        failures.add(
                            "request "
                                + i
                                + ": "
                                + failure
                                + "\n  sent: "
                                + printable(requests.get(i)));
                      }
                    }
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(failures)
          .as("%d of %d requests answered wrongly", failures.size(), requests.size())
          .isEmpty();
      assertThat(api.get("/metrics", null).body())
          .doesNotContainPattern("encours_http_requests_total\\{[^}]*status=\"5");
      assertHeapStayedFarFromItsLimit();
    }
  }

  /** The client stops sending after the request: a body shorter than announced ends at once. */
  static final RawHttp.Options FUZZ_OPTIONS =
      new RawHttp.Options(null, true, Duration.ofSeconds(10));

  /** What is wrong with an answer, or null. */
  static String check(RawHttp.Response r) {
    if (r.status() < 0) {
      return "no answer";
    }
    if (r.status() >= 500) {
      return "server error " + r;
    }
    if (r.bodyBytes() > MAX_ANSWER_BYTES) {
      return "answer of " + r.bodyBytes() + " bytes";
    }
    if (r.elapsed().compareTo(Duration.ofSeconds(5)) > 0) {
      return "answered after " + r.elapsed().toMillis() + " ms";
    }
    if (r.status() == 304 || r.bodyBytes() == 0 && r.status() < 400) {
      return null;
    }
    String text;
    JsonNode body;
    try {
      text = r.utf8();
      body = Problems2.JSON.readTree(text);
    } catch (AssertionError | Exception e) {
      return "body not UTF-8 JSON: " + r;
    }
    if (r.status() >= 400) {
      String type = r.header("Content-Type");
      if (type == null || !type.startsWith(Problem.CONTENT_TYPE)) {
        return "error not a problem: " + r;
      }
      if (body.path("status").asInt() != r.status()
          || !body.path("type").asText().startsWith("/docs#problem-")
          || body.path("detail").asText().isBlank()) {
        return "problem body incomplete: " + r;
      }
      if (text.contains("Exception") || text.contains(".java:")) {
        return "problem shows internals: " + r;
      }
    }
    return null;
  }

  static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /**
   * Objects that outlive a request, and any huge allocation, land in the old generation: its peak
   * during the run stays under half the heap limit, and after a collection under a quarter.
   */
  static void assertHeapStayedFarFromItsLimit() {
    long max = Runtime.getRuntime().maxMemory();
    long oldPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      String name = pool.getName();
      if (pool.getType() == MemoryType.HEAP
          && !name.contains("Eden")
          && !name.contains("Survivor")) {
        oldPeak += pool.getPeakUsage().getUsed();
      }
    }
    assertThat(oldPeak).as("peak of the old generation, of %d MiB", max >> 20).isLessThan(max / 2);
    System.gc();
    Runtime rt = Runtime.getRuntime();
    assertThat(rt.totalMemory() - rt.freeMemory())
        .as("heap in use after the run")
        .isLessThan(max / 4);
  }

  static String printable(byte[] request) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(request.length, 300); i++) {
      int c = request[i] & 0xff;
      b.append(
          c >= 0x20 && c < 0x7f
              ? String.valueOf((char) c)
              : c == '\r' ? "\\r" : c == '\n' ? "\\n" : String.format("\\x%02x", c));
    }
    return b.append(request.length > 300 ? "... (" + request.length + " bytes)" : "").toString();
  }

  /** The seeded generator of requests. */
  static final class Generator {
    private final Random random;
    private final String key;

    Generator(Random random, String key) {
      this.random = random;
      this.key = key;
    }

    static final String[] BODIES = {
      "{\"country\":\"FR\",\"sector\":\"construction\",\"sizeBand\":\"10-49\",\"companyCreatedDate\":\"2023-05-01\",\"requestedAmount\":25000,\"requestedTermsDays\":45,\"channel\":\"direct\"}",
      "{\"country\":\"DE\",\"companyAgeYears\":4.5,\"requestedAmount\":1000.50}",
      "{\"customerId\":\"C001\",\"amount\":12000,\"requestedTermsDays\":60}",
      "{\"prospect\":{\"country\":\"DE\",\"companyAgeYears\":15,\"requestedAmount\":1000},\"amount\":1000,\"requestedTermsDays\":30}",
    };

    static final String[] GETS = {
      "/v1/customers/C001/score",
      "/v1/customers/C002/recommendation",
      "/v1/customers/C001/dunning-plan",
      "/v1/invoices/INV-2/score",
      "/v1/scores?changedSince=0&limit=2",
      "/v1/scores?limit=2&cursor=c2NvcmVzH2NoYW5nZWRTaW5jZT0fQzAwMQ",
      "/v1/dunning-plan?dueBy=2026-11-03&limit=2",
      "/v1/portfolio/aging?level=customer&entity=C001",
      "/v1/portfolio/kpis?level=country&entity=FR",
      "/health",
      "/ready",
    };

    static final String[] TOKENS = {
      "1e999999999",
      "-1e-999999999",
      "1e100000000",
      "1E+2147483648",
      "9223372036854775808",
      "-0",
      "0.0000000000000000000000000000000001",
      "1" + "0".repeat(120),
      "123456789012345678901234567890.123456789012345678901234567890",
      "NaN",
      "Infinity",
      "-Infinity",
      "null",
      "true",
      "false",
      "[]",
      "{}",
      "\"\"",
      "\"\\u0000\"",
      "\"\\ud800\"",
      "\"\\uDFFF\\uD800\"",
      "\"2023-05-01T10:00:00\"",
      "\"+20000-01-01\"",
      "\"2023-02-30\"",
      "\"caf\u00e9\"",
      "\"\u00c3\u00a9\"",
      "\"\\\"\"",
      "\"" + "x".repeat(3000) + "\"",
      "[".repeat(40) + "]".repeat(40),
      "{\"a\":".repeat(40) + "1" + "}".repeat(40),
      "\"FR\"",
      "\"C001\"",
      "10",
      "0",
      "-1",
      "365",
      "366",
      "1e13",
      "10.001",
      "\u00ff\u00fe",
      "\u00ef\u00bb\u00bf",
    };

    static final String[] URL_PIECES = {
      "%",
      "%z",
      "%zz",
      "%0",
      "%00",
      "%E9",
      "%C3%A9",
      "%ff%fe",
      "%2e%2e",
      "%2f",
      "%5c",
      "..",
      "/..",
      "/./",
      "//",
      ";",
      ";jsessionid=1",
      "#",
      "?",
      "&",
      "=",
      "+",
      "%20",
      "\u00e9",
      "\u00ff",
      "\u0001",
      "\\",
      "~",
      "*",
      "%u0041",
      "%%",
      "&limit=5",
      "&limit=",
      "&cursor=%",
      "&changedSince=1&changedSince=2",
      "&dueBy=2026-11-15T00:00:00",
      "&level=Bad!",
      "&entity=" + "E".repeat(70),
      "C".repeat(200),
    };

    static final String[] CONTENT_TYPES = {
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json",
      "application/json; charset=utf-8",
      "Application/JSON;charset=UTF-8",
      "application/jsonp",
      "application/json; charset=iso-8859-1",
      "text/plain",
      "",
      "application/json;;;",
      "application/json; charset=\u00e9",
      "application/*",
      "application/problem+json",
      "multipart/form-data; boundary=x",
      "application/x-www-form-urlencoded",
    };

    List<byte[]> requests(int totalBytes) {
      List<byte[]> out = new ArrayList<>();
      long total = 0;
      while (total < totalBytes) {
        byte[] request = next();
        out.add(request);
        total += request.length;
      }
      return out;
    }

    byte[] next() {
      int kind = random.nextInt(10);
      if (kind < 4) {
        return post(mutatedBody());
      }
      if (kind < 5) {
        return post(randomJson(0));
      }
      if (kind < 6) {
        byte[] noise = new byte[random.nextInt(2000)];
        random.nextBytes(noise);
        return post(noise);
      }
      if (kind < 9) {
        return get(mutatedUrl());
      }
      return mutatedFraming();
    }

    private String pick(String[] from) {
      return from[random.nextInt(from.length)];
    }

    byte[] mutatedBody() {
      byte[] body = latin1(pick(BODIES));
      int mutations = 1 + random.nextInt(4);
      for (int m = 0; m < mutations; m++) {
        body =
            switch (random.nextInt(6)) {
              case 0 ->
                  replace(
                      body,
                      random.nextInt(body.length + 1),
                      1,
                      new byte[] {(byte) random.nextInt(256)});
              case 1 ->
                  replace(
                      body,
                      random.nextInt(body.length + 1),
                      0,
                      new byte[] {(byte) random.nextInt(256)});
              case 2 ->
                  replace(body, random.nextInt(body.length + 1), random.nextInt(8), new byte[0]);
              case 3 -> replaceValue(body, latin1(pick(TOKENS)));
              case 4 -> replace(body, random.nextInt(body.length + 1), 0, latin1(pick(TOKENS)));
              default -> {
                int at = random.nextInt(body.length + 1);
                int length = Math.min(body.length - at, random.nextInt(20));
                byte[] copy = java.util.Arrays.copyOfRange(body, at, at + length);
                yield replace(body, at, 0, copy);
              }
            };
      }
      return body;
    }

    /** Replaces the value after a random ':' (up to the next ',' or '}') with a token. */
    byte[] replaceValue(byte[] body, byte[] token) {
      List<Integer> colons = new ArrayList<>();
      for (int i = 0; i < body.length; i++) {
        if (body[i] == ':') {
          colons.add(i);
        }
      }
      if (colons.isEmpty()) {
        return body;
      }
      int start = colons.get(random.nextInt(colons.size())) + 1;
      int end = start;
      while (end < body.length && body[end] != ',' && body[end] != '}') {
        end++;
      }
      return replace(body, start, end - start, token);
    }

    byte[] randomJson(int depth) {
      String[] fields = {
        "country",
        "sector",
        "sizeBand",
        "companyCreatedDate",
        "companyAgeYears",
        "requestedAmount",
        "requestedTermsDays",
        "channel",
        "customerId",
        "prospect",
        "amount",
        "x"
      };
      StringBuilder b = new StringBuilder("{");
      int n = random.nextInt(6);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append('"').append(pick(fields)).append("\":");
        if (depth < 3 && random.nextInt(6) == 0) {
          b.append(new String(randomJson(depth + 1), StandardCharsets.ISO_8859_1));
        } else {
          b.append(pick(TOKENS));
        }
      }
      return latin1(b.append('}').toString());
    }

    String mutatedUrl() {
      String url = pick(GETS);
      int mutations = random.nextInt(4);
      for (int m = 0; m < mutations; m++) {
        int at = 1 + random.nextInt(url.length());
        url =
            switch (random.nextInt(4)) {
              case 0 -> url.substring(0, at) + pick(URL_PIECES) + url.substring(at);
              case 1 ->
                  url.substring(0, at)
                      + url.substring(Math.min(url.length(), at + 1 + random.nextInt(4)));
              case 2 ->
                  url.substring(0, at) + (char) (0x21 + random.nextInt(0x5e)) + url.substring(at);
              default ->
                  url + (url.contains("?") ? "&" : "?") + pick(URL_PIECES) + "=" + pick(URL_PIECES);
            };
      }
      if (random.nextInt(60) == 0) {
        url = url + "/" + "x".repeat(9000); // longer than the request line may be
      }
      return url;
    }

    byte[] post(byte[] body) {
      String path = random.nextBoolean() ? "/v1/prospects/score" : "/v1/quotes/check";
      String type = pick(CONTENT_TYPES);
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
              + key
              + "\r\n"
              + (type.isEmpty() ? "" : "Content-Type: " + type + "\r\n")
              + "Content-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n";
      return concat(latin1(head), body);
    }

    byte[] get(String url) {
      StringBuilder head =
          new StringBuilder("GET ")
              .append(url)
              .append(" HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ")
              .append(key)
              .append("\r\n");
      if (random.nextInt(8) == 0) {
        head.append("If-None-Match: ")
            .append(random.nextBoolean() ? "*" : "\"customer_scores-1\", W/\"x\"")
            .append("\r\n");
      }
      if (random.nextInt(40) == 0) {
        head.append("X-Padding: ").append("p".repeat(random.nextInt(12_000))).append("\r\n");
      }
      return latin1(head.append("Connection: close\r\n\r\n").toString());
    }

    /** A body sent with broken framing: lengths that lie or disagree, bad chunks. */
    byte[] mutatedFraming() {
      byte[] body = latin1(pick(BODIES));
      String head =
          "POST /v1/prospects/score HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
              + key
              + "\r\nContent-Type: application/json\r\n";
      String framing =
          switch (random.nextInt(6)) {
            case 0 ->
                "Content-Length: "
                    + (body.length + 1 + random.nextInt(100))
                    + "\r\n\r\n"
                    + new String(body, StandardCharsets.ISO_8859_1);
            case 1 ->
                "Content-Length: "
                    + random.nextInt(body.length)
                    + "\r\n\r\n"
                    + new String(body, StandardCharsets.ISO_8859_1);
            case 2 ->
                "Content-Length: "
                    + body.length
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + new String(body, StandardCharsets.ISO_8859_1);
            case 3 ->
                "Transfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(body.length + random.nextInt(50) - 25)
                    + "\r\n"
                    + new String(body, StandardCharsets.ISO_8859_1)
                    + "\r\n0\r\n\r\n";
            case 4 ->
                "Transfer-Encoding: chunked\r\n\r\n"
                    + pick(new String[] {"zz", "-1", "", "ffffffffffffffffff", "1;ext=\u00e9"})
                    + "\r\n"
                    + new String(body, StandardCharsets.ISO_8859_1)
                    + "\r\n0\r\n\r\n";
            default ->
                "Content-Length: "
                    + pick(new String[] {"x", "-5", "1e3", "99999999999999999999", "12, 13", " "})
                    + "\r\n\r\n"
                    + new String(body, StandardCharsets.ISO_8859_1);
          };
      return latin1(head + framing);
    }

    static byte[] replace(byte[] in, int at, int length, byte[] with) {
      int end = Math.min(in.length, at + length);
      ByteArrayOutputStream b = new ByteArrayOutputStream(in.length + with.length);
      b.write(in, 0, at);
      b.write(with, 0, with.length);
      b.write(in, end, in.length - end);
      return b.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
      byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, out, a.length, b.length);
      return out;
    }

    static byte[] latin1(String s) {
      return s.getBytes(StandardCharsets.ISO_8859_1);
    }
  }
}

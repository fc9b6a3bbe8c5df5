package org.encours.api.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: raw bytes in the path,
 * broken framing, bodies shorter than announced. Reads one response (Content-Length, chunked or
 * until close), keeping at most {@link #MAX_BODY_KEPT} bytes of its body but counting them all.
 */
public final class RawHttp {
  /** Bodies are kept up to this size; {@link Response#bodyBytes()} still counts every byte. */
  public static final int MAX_BODY_KEPT = 256 * 1024;

  private RawHttp() {}

  /** One response as read off the wire; status -1 when the server closed without answering. */
  public record Response(
      int status, Map<String, String> headers, byte[] body, long bodyBytes, Duration elapsed) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The body decoded as strict UTF-8; an AssertionError names the first invalid byte otherwise.
     */
    public String utf8() {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(body))
            .toString();
      } catch (CharacterCodingException e) {
        throw new AssertionError(
            "the body is not valid UTF-8: " + new String(body, StandardCharsets.ISO_8859_1), e);
      }
    }

    @Override
    public String toString() {
      return status
          + " "
          + headers.getOrDefault("content-type", "")
          + " ("
          + bodyBytes
          + " bytes): "
          + new String(body, 0, Math.min(body.length, 400), StandardCharsets.ISO_8859_1);
    }
  }

  /** How a request is sent: from which local address, and whether the client then stops sending. */
  public record Options(InetAddress from, boolean halfCloseAfterSending, Duration timeout) {
    public static final Options DEFAULT = new Options(null, false, Duration.ofSeconds(10));

    public Options from(InetAddress address) {
      return new Options(address, halfCloseAfterSending, timeout);
    }

    public Options halfClose() {
      return new Options(from, true, timeout);
    }
  }

  /**
   * Request bytes from text (ISO-8859-1, so "\u00e9" is the single byte 0xE9) with CRLF line ends.
   */
  public static byte[] bytes(String requestWithNewlines) {
    return requestWithNewlines
        .replace("\r\n", "\n")
        .replace("\n", "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  public static Response exchange(int port, byte[] request) {
    return exchange(port, request, Options.DEFAULT);
  }

  public static Response exchange(int port, byte[] request, Options options) {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      if (options.from() != null) {
        socket.bind(new InetSocketAddress(options.from(), 0));
      }
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      socket.setSoTimeout((int) options.timeout().toMillis());
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        if (options.halfCloseAfterSending()) {
          socket.shutdownOutput();
        }
      } catch (SocketException e) {
        // the server may answer and close before it read everything (a refused header): read the
        // answer
      }
      return read(new java.io.BufferedInputStream(socket.getInputStream()), start);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends the bytes and closes the connection without reading the answer: an upload the client gave
   * up on.
   */
  public static void sendAndAbort(int port, byte[] request) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response read(InputStream in, long start) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    String statusLine;
    try {
      statusLine = line(in);
    } catch (SocketTimeoutException | SocketException e) {
      return new Response(-1, headers, new byte[0], 0, elapsed(start));
    }
    if (statusLine == null) {
      return new Response(-1, headers, new byte[0], 0, elapsed(start));
    }
    String[] parts = statusLine.split(" ", 3);
    int status = Integer.parseInt(parts[1]);
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      headers.merge(
          h.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          h.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    Body body = new Body();
    try {
      if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
        // no body
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16);
            size > 0;
            size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
          body.copy(in, size);
          line(in);
        }
      } else if (headers.containsKey("content-length")) {
        body.copy(in, Long.parseLong(headers.get("content-length")));
      } else {
        body.copy(in, Long.MAX_VALUE);
      }
    } catch (SocketTimeoutException e) {
      // what arrived is the answer
    }
    return new Response(status, headers, body.kept.toByteArray(), body.total, elapsed(start));
  }

  private static final class Body {
    final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    long total;

    void copy(InputStream in, long size) throws IOException {
      byte[] buffer = new byte[8192];
      long left = size;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          return;
        }
        if (kept.size() < MAX_BODY_KEPT) {
          kept.write(buffer, 0, Math.min(n, MAX_BODY_KEPT - kept.size()));
        }
        total += n;
        left -= n;
      }
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        byte[] bytes = b.toByteArray();
        int end =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}

package org.encours.api.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The web server's own error answers (a request line, header or URI it refuses before any endpoint
 * runs, or an error it raises itself) as problem bodies instead of its HTML pages, for every
 * method.
 */
final class ProblemErrorHandler extends ErrorHandler {
  private final int maxHeaderBytes;

  ProblemErrorHandler(int maxHeaderBytes) {
    this.maxHeaderBytes = maxHeaderBytes;
    setShowStacks(false);
    setShowServlet(false);
    setCacheControl("no-store");
  }

  /** Requests refused while parsing: no request object exists yet, only the status and a reason. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    if (HttpStatus.hasNoBody(status)) {
      return null;
    }
    fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    fields.put(HttpHeader.CACHE_CONTROL, "no-store");
    return ByteBuffer.wrap(
        Problem.of(Problems.refusedByServer(status, reason, maxHeaderBytes), null).toBytes());
  }

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    int status = response.getStatus();
    if (response.isCommitted() || HttpStatus.hasNoBody(status)) {
      return;
    }
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    String reason = message instanceof String s ? s : baseRequest.getResponse().getReason();
    byte[] body =
        Problem.of(Problems.refusedByServer(status, reason, maxHeaderBytes), pathOf(request))
            .toBytes();
    response.setHeader(HttpHeader.CACHE_CONTROL.asString(), "no-store");
    response.setContentType(Problem.CONTENT_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static String pathOf(HttpServletRequest request) {
    try {
      return request.getRequestURI();
    } catch (RuntimeException e) {
      return null;
    }
  }
}

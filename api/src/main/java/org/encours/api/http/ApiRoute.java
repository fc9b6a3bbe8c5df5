package org.encours.api.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import org.encours.api.security.Scope;

/**
 * One endpoint: method, path (Javalin and OpenAPI syntax, {@code {id}}), the scope a key needs
 * (null: open), the handler, and a one-line summary. The app registers exactly these; a test checks
 * that the OpenAPI document lists exactly these.
 */
public record ApiRoute(
    HandlerType method, String path, Scope scope, String summary, Handler handler) {}

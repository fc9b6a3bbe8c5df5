/**
 * The HTTP layer: {@link org.encours.api.http.ApiApp} builds an unstarted Javalin app from {@link
 * org.encours.api.http.ApiServices}; controllers only read parameters, query the current snapshot
 * or an engine and write records ({@link org.encours.api.http.Dtos}); every error becomes an RFC
 * 7807 problem body through {@link org.encours.api.http.Problems}.
 */
package org.encours.api.http;

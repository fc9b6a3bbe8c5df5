/**
 * The engines behind the prospect and quote endpoints, as small interfaces the API depends on:
 * {@link org.encours.api.engines.ProspectScoring} (the prospect model) and
 * {@link org.encours.api.engines.QuotePolicy} (the prevention policy). Tests use fakes; the serve
 * command wires the real engines when they are on the classpath.
 */
package org.encours.api.engines;

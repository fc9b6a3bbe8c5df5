/**
 * The prospect model behind the prospect and quote endpoints, as a small interface the API depends
 * on: {@link org.encours.api.engines.ProspectScoring}. Tests use a stand-in; the serve command
 * wires the model folder it is given. Quotes are checked by the prevention policy itself ({@link
 * org.encours.core.policy.Policy#checkQuote}).
 */
package org.encours.api.engines;

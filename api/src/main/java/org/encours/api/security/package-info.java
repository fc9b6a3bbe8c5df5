/**
 * Who may call the API: keys stored as salted SHA-256 hashes with scopes ({@link
 * org.encours.api.security.ApiKeyStore}), never logged, and a token bucket per key ({@link
 * org.encours.api.security.RateLimiter}).
 */
package org.encours.api.security;

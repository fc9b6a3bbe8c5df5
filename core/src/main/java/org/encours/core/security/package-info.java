/**
 * API keys as they are stored: salted SHA-256 hashes ({@link org.encours.core.security.KeyHash}),
 * shared by the API server that checks them and the commands that write key files.
 */
package org.encours.core.security;

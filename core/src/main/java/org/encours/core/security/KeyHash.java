package org.encours.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A key stored as {@code sha256:SALT:HASH} (both base64): HASH = SHA-256(SALT || key). The salt is
 * random per key; the key is never stored. Comparison is constant-time.
 */
public record KeyHash(byte[] salt, byte[] hash) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "sha256:";

  /** Hashes a key with a fresh random salt. */
  public static KeyHash of(String key) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return new KeyHash(salt, digest(salt, key));
  }

  /** A new random key: 32 bytes, base64url, prefixed {@code enc_} so that it is recognisable. */
  public static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "enc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Parses {@code sha256:SALT:HASH}; throws IllegalArgumentException saying what is wrong. */
  public static KeyHash parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "expected sha256:SALT:HASH (as printed by 'encours api-key')");
    }
    String[] parts = text.substring(PREFIX.length()).split(":", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "expected sha256:SALT:HASH (as printed by 'encours api-key')");
    }
    try {
      byte[] salt = Base64.getDecoder().decode(parts[0]);
      byte[] hash = Base64.getDecoder().decode(parts[1]);
      if (salt.length < 8 || hash.length != 32) {
        throw new IllegalArgumentException(
            "salt of at least 8 bytes and a 32-byte SHA-256 hash expected");
      }
      return new KeyHash(salt, hash);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("SALT and HASH must be base64 (" + e.getMessage() + ")");
    }
  }

  public boolean matches(String key) {
    return MessageDigest.isEqual(hash, digest(salt, key));
  }

  public String text() {
    return PREFIX
        + Base64.getEncoder().encodeToString(salt)
        + ":"
        + Base64.getEncoder().encodeToString(hash);
  }

  static byte[] digest(byte[] salt, String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      return sha.digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "KeyHash[sha256]";
  }
}

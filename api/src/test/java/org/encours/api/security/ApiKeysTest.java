package org.encours.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.encours.core.UserFacingException;
import org.encours.core.security.KeyHash;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  static final String KEY = "enc_correct-horse-battery-staple";

  static String entry(String name, String hash, String scopes) {
    return "keys:\n  - name: "
        + name
        + "\n    hash: \""
        + hash
        + "\"\n    scopes: ["
        + scopes
        + "]\n";
  }

  @Test
  void aKeyIsStoredAsASaltedHashAndRecognised() {
    KeyHash hash = KeyHash.of(KEY);
    assertThat(hash.text()).startsWith("sha256:").doesNotContain(KEY);
    assertThat(KeyHash.of(KEY).text()).as("a fresh salt each time").isNotEqualTo(hash.text());
    ApiKeyStore store = ApiKeyStore.parse(entry("crm", hash.text(), "sales, reports"), "test");
    ApiKey key = store.authenticate(KEY).orElseThrow();
    assertThat(key.name()).isEqualTo("crm");
    assertThat(key.scopes()).containsExactlyInAnyOrder(Scope.SALES, Scope.REPORTS);
    assertThat(key.allows(Scope.DUNNING)).isFalse();
    assertThat(store.authenticate(KEY).orElseThrow()).as("remembered").isSameAs(key);
    assertThat(store.authenticate(KEY + "x")).isEmpty();
    assertThat(key.toString()).doesNotContain(hash.text());
  }

  @Test
  void aJsonDocumentWorksToo() {
    String json =
        "{\"keys\":[{\"name\":\"ops\",\"hash\":\""
            + KeyHash.of(KEY).text()
            + "\",\"scopes\":[\"admin\"],\"ratePerSecond\":5,\"burst\":10}]}";
    ApiKey key = ApiKeyStore.parse(json, "ENCOURS_API_KEYS").authenticate(KEY).orElseThrow();
    assertThat(key.allows(Scope.DUNNING)).isTrue();
    assertThat(key.ratePerSecond()).isEqualTo(5.0);
  }

  @Test
  void badEntriesFailNamingTheEntryAndField() {
    String good = KeyHash.of(KEY).text();
    assertThatThrownBy(
            () -> ApiKeyStore.parse(entry("crm", "plain-text-key", "sales"), "keys.yaml"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("keys.yaml")
        .hasMessageContaining("keys[0].hash");
    assertThatThrownBy(() -> ApiKeyStore.parse(entry("crm", good, "sales, root"), "keys.yaml"))
        .hasMessageContaining("keys[0].scopes")
        .hasMessageContaining("root");
    assertThatThrownBy(() -> ApiKeyStore.parse(entry("crm", good, ""), "keys.yaml"))
        .hasMessageContaining("keys[0].scopes");
    assertThatThrownBy(
            () ->
                ApiKeyStore.parse(
                    entry("crm", good, "sales")
                        + "  - name: crm\n    hash: \""
                        + good
                        + "\"\n    scopes: [sales]\n",
                    "keys.yaml"))
        .hasMessageContaining("keys[1].name");
    assertThatThrownBy(
            () -> ApiKeyStore.parse("keys:\n  - name: x\n    key: secret\n", "keys.yaml"))
        .hasMessageContaining("keys[0].key");
    assertThatThrownBy(() -> ApiKeyStore.parse("keys: [", "keys.yaml"))
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> ApiKeyStore.parse("keys: []", "keys.yaml"))
        .hasMessageContaining("no keys");
    assertThatThrownBy(() -> ApiKeyStore.fromFile(Path.of("no/such/keys.yaml")))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("--keys")
        .hasMessageContaining("keys.yaml");
  }

  @Test
  void theTokenBucketRefillsAtItsRate() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(2, 3, now::get);
    ApiKey key = new ApiKey("k", KeyHash.of(KEY), Set.of(Scope.SALES), null, null);
    assertThat(limiter.acquire(key)).isZero();
    assertThat(limiter.acquire(key)).isZero();
    assertThat(limiter.acquire(key)).isZero();
    assertThat(limiter.acquire(key)).as("burst of 3 used: wait 1 s").isEqualTo(1);
    now.addAndGet(500_000_000L); // half a second at 2/s: one token
    assertThat(limiter.acquire(key)).isZero();
    assertThat(limiter.acquire(key)).isEqualTo(1);
    ApiKey unlimited = new ApiKey("u", KeyHash.of(KEY), Set.of(Scope.SALES), null, null);
    RateLimiter off = new RateLimiter(0, 1, now::get);
    for (int i = 0; i < 100; i++) {
      assertThat(off.acquire(unlimited)).isZero();
    }
  }
}

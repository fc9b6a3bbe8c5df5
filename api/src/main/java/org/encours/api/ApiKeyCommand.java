package org.encours.api;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.encours.api.security.Scope;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.EncoursCommand;
import org.encours.core.security.KeyHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code encours api-key}: makes a new random key (or hashes one read from standard input) and
 * prints the keys-file entry (name, salted hash, scopes). The key is printed once, on standard
 * error, and is stored nowhere.
 */
@Command(
    name = "api-key",
    mixinStandardHelpOptions = true,
    description =
        "Make an API key for 'encours serve' and print its keys-file entry (the key itself is shown once).")
public final class ApiKeyCommand implements EncoursCommand {
  @Option(
      names = "--name",
      required = true,
      description = "Name of the key (shown in logs and metrics), e.g. crm.")
  String name;

  @Option(
      names = "--scopes",
      split = ",",
      defaultValue = "sales",
      description = "Scopes: sales, dunning, reports, admin (default: ${DEFAULT-VALUE}).")
  List<String> scopes;

  @Option(
      names = "--stdin",
      description = "Hash the key read from standard input instead of making a new one.")
  boolean fromStdin;

  @Override
  public Integer call() throws Exception {
    for (String s : scopes) {
      if (Scope.parse(s) == null) {
        throw EncoursErrors.badArgument(
            "--scopes",
            s,
            "one or more of " + Arrays.stream(Scope.values()).map(Scope::word).toList());
      }
    }
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw EncoursErrors.badArgument("--name", name, "1 to 64 letters, digits, '.', '_' or '-'");
    }
    String key;
    if (fromStdin) {
      key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (key == null || key.strip().length() < 16) {
        throw EncoursErrors.badArgument(
            "--stdin", "(hidden)", "a key of at least 16 characters on standard input");
      }
      key = key.strip();
    } else {
      key = KeyHash.newKey();
      System.err.println("New key for '" + name + "' (shown once, keep it secret): " + key);
    }
    System.out.println("  - name: " + name);
    System.out.println("    hash: \"" + KeyHash.of(key).text() + "\"");
    System.out.println(
        "    scopes: ["
            + String.join(", ", scopes.stream().map(s -> Scope.parse(s).word()).toList())
            + "]");
    return 0;
  }
}

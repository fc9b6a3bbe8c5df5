package org.encours.prevention;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.encours.core.EncoursErrors;
import org.encours.core.policy.Policy;
import picocli.CommandLine.Option;

/** The options of the commands that apply the policy ({@code recommend}, {@code refresh}). */
public final class PolicyOptions {
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Policy override (YAML); its keys replace the shipped defaults.")
  Path policyFile;

  @Option(
      names = "--home-country",
      paramLabel = "CC",
      description =
          "The creditor's country (ISO alpha-2); debtors elsewhere are cross-border. Default: FR.")
  String homeCountry = "FR";

  /** The policy, loaded and validated (a bad key fails here, before Spark starts). */
  public Policy policy() {
    return policyFile == null ? Policy.load() : Policy.load(policyFile);
  }

  /** The creditor's country, checked to be an ISO 3166 alpha-2 code. */
  public String homeCountry() {
    if (!COUNTRIES.contains(homeCountry)) {
      throw EncoursErrors.badArgument(
          "--home-country", homeCountry, "an ISO 3166 alpha-2 country code in capitals, e.g. FR");
    }
    return homeCountry;
  }
}

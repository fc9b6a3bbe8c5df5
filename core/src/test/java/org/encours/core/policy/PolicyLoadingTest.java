package org.encours.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.encours.core.UserFacingException;
import org.encours.core.legal.LegalRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading a policy: the override merge, and one test per validation error naming its key. */
class PolicyLoadingTest {

  private static Policy override(String yaml) {
    return Policy.fromOverrideText(yaml, "policy my.yaml", LegalRules.defaults());
  }

  @Test
  void theShippedDefaultPolicyIsValid() {
    Policy policy = Policy.load();

    assertThat(policy.origin()).isEqualTo("default policy");
    assertThat(policy.ladders()).containsOnlyKeys("standard", "compressed", "soft");
    assertThat(policy.maxTermsDays("A")).isEqualTo(60);
  }

  @Test
  void anOverrideFileChangesOneValueAndKeepsEveryOther(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("my.yaml");
    Files.writeString(file, "deposits:\n  grades:\n    D: {share: 0.40}\n");

    Policy policy = Policy.load(file);

    assertThat(policy.origin()).isEqualTo("policy my.yaml");
    assertThat(policy.deposit("D").share()).isEqualByComparingTo("0.40");
    assertThat(policy.deposit("D").requiredAboveEur())
        .isEqualByComparingTo("10000"); // kept from the default
    assertThat(policy.deposit("C").share()).isEqualByComparingTo("0.20");
    assertThat(policy.grades()).isEqualTo(GradeBands.defaults());
  }

  @Test
  void aListInTheOverrideReplacesTheWholeDefaultList() {
    Policy policy =
        override(
            """
        reminders:
          ladders:
            standard:
              - {day: 7, action: reminder_1, channel: email}
              - {day: 30, action: formal_notice, channel: registered_letter, deadline_days: 15}
        """);

    assertThat(policy.ladders().get("standard").steps())
        .extracting(LadderStep::day)
        .containsExactly(7, 30);
    assertThat(policy.ladders().get("compressed").steps()).hasSize(5);
  }

  @Test
  void aValidationErrorInAFileNamesTheFileAndTheKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("my.yaml");
    Files.writeString(file, "deposits:\n  grades:\n    E: {share: 1.5}\n");

    assertThatThrownBy(() -> Policy.load(file))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("policy my.yaml at 'deposits.grades.E.share': 1.5 is above 1")
        .hasMessageContaining("0.30 means 30 %");
  }

  @ParameterizedTest(name = "{1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // override                                                                        | key
        // named                               | problem
        "grade: {A: 0.1}                                                                    | grade                                   | unknown key",
        "deposits: {grades: {E: {shares: 0.5}}}                                            | deposits.grades.E.shares                | unknown key",
        "deposits: {grades: {F: {share: 0.5}}}                                             | deposits.grades.F                       | unknown key",
        "credit_limit: {prospect_limit_eur: lots}                                          | credit_limit.prospect_limit_eur         | expected a number, found text 'lots'",
        "credit_limit: {cap_at_insured_limit: 3}                                           | credit_limit.cap_at_insured_limit       | expected true or false",
        "credit_limit: {review_at_share: 1.2}                                              | credit_limit.review_at_share            | 1.2 is above 1",
        "credit_limit: {months_of_sales: {E: 1.0}}                                         | credit_limit.months_of_sales.E          | more than the better grade's 0.5",
        "grades: {C: 0.08}                                                                 | grades.C                                | 0.08 is not above grade B's 0.1",
        "grades: {E: 0.9}                                                                  | grades.E                                | without a grade",
        "grades: {A: -0.1}                                                                 | grades.A                                | -0.1 is below 0",
        "grades: {D: null}                                                                 | grades.D                                | missing",
        "payment_terms: {max_days: {A: 75}}                                                | payment_terms.max_days.A                | 75 is above 60",
        "payment_terms: {prospect_max_days: 61}                                            | payment_terms.prospect_max_days         | 61 is above 60",
        "payment_terms: {max_days: {D: 45}}                                                | payment_terms.max_days.D                | longer than the better grade's 30",
        "payment_terms: {max_days: {B: 45.5}}                                              | payment_terms.max_days.B                | expected a whole number",
        "reminders: {by_grade: {C: gentle}}                                                | reminders.by_grade.C                    | unknown ladder 'gentle'",
        "reminders: {soft: {grades: [F]}}                                                  | reminders.soft.grades[0]                | unknown grade 'F'",
        "reminders: {ladders: {standard: [{day: 15, action: reminder_1, channel: email}, {day: 10, action: formal_notice, channel: letter, deadline_days: 8}]}} | reminders.ladders.standard[1].day | 10 is not after the previous step's day 15",
        "reminders: {ladders: {standard: [{day: 45, action: formal_notice, channel: letter, deadline_days: 20}]}} | reminders.ladders.standard[0].deadline_days | 20 is above 15",
        "reminders: {ladders: {standard: [{day: 45, action: formal_notice, channel: letter}]}} | reminders.ladders.standard[0].deadline_days | missing",
        "reminders: {ladders: {standard: [{day: 5, action: reminder_1, channel: email}]}}  | reminders.ladders.standard[0].action    | must end with its one formal_notice",
        "reminders: {ladders: {standard: [{day: 5, action: lawsuit, channel: email}]}}     | reminders.ladders.standard[0].action    | unknown action 'lawsuit'",
        "reminders: {ladders: {standard: [{day: 5, action: reminder_1, channel: pigeon}]}} | reminders.ladders.standard[0].channel   | unknown channel 'pigeon'",
        "reminders: {ladders: {standard: [{day: 5, action: pre_due_reminder, channel: email}]}} | reminders.ladders.standard[0].day | after the due date",
        "reminders: {ladders: {standard: [{day: 5, action: injonction_de_payer, channel: court}]}} | reminders.ladders.standard[0].action | chosen by escalation",
        "reminders: {ladders: {standard: 12}}                                              | reminders.ladders.standard              | expected a non-empty list",
        "escalation: {agency_days: -1}                                                     | escalation.agency_days                  | -1 is below 0",
        "escalation: {collection_agency_from_eur: -5}                                      | escalation.collection_agency_from_eur   | -5 is below 0",
      })
  void eachValidationErrorNamesItsKey(String yaml, String key, String problem) {
    assertThatThrownBy(() -> override(yaml))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("policy my.yaml at '" + key + "': ")
        .hasMessageContaining(problem);
  }

  @Test
  void termsAboveTheLegalCapPointAtTheArticle() {
    assertThatThrownBy(() -> override("payment_terms: {max_days: {A: 75}}"))
        .hasMessageContaining("L441-10 I");
  }

  @Test
  void aNullCollectionAgencyThresholdMeansNever() {
    assertThat(override("escalation: {collection_agency_from_eur: null}")).isNotNull();
  }

  @Test
  void textThatIsNotYamlSaysSo() {
    assertThatThrownBy(() -> override("deposits: [unclosed"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith("policy my.yaml is not valid YAML");
  }

  @Test
  void aMissingOverrideFileIsAUserError(@TempDir Path dir) {
    assertThatThrownBy(() -> Policy.load(dir.resolve("nope.yaml")))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("policy file not found");
  }

  @Test
  void aPolicySurvivesJavaSerializationForSparkClosures() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(Policy.defaults());
    }
    Policy copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Policy) in.readObject();
    }
    assertThat(copy.grades().gradeFor(0.3)).isEqualTo("D");
    assertThat(copy.deposit("E").share()).isEqualByComparingTo(new BigDecimal("0.50"));
  }
}

package org.encours.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OpenApiTest {
  @Test
  void theOpenApiDocumentListsExactlyTheRoutesTheAppRegisters() throws Exception {
    JsonNode doc = Problems2.JSON.readTree(OpsController.resource("openapi.json"));
    Set<String> documented = new TreeSet<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
    Set<String> registered = new TreeSet<>();
    for (ApiRoute route : AuthMatrixTest.routes()) {
      registered.add(route.method().name() + " " + route.path());
    }
    assertThat(documented).isEqualTo(registered);
  }

  @Test
  void eachProtectedRouteDocumentsItsScope() throws Exception {
    JsonNode doc = Problems2.JSON.readTree(OpsController.resource("openapi.json"));
    for (ApiRoute route : AuthMatrixTest.routes()) {
      JsonNode op =
          doc.get("paths").get(route.path()).get(route.method().name().toLowerCase(Locale.ROOT));
      if (route.scope() != null) {
        assertThat(op.get("description").asText())
            .as(route.path())
            .startsWith("Scope: " + route.scope().word());
      } else {
        assertThat(op.get("security")).as(route.path()).isEmpty();
      }
    }
  }

  @Test
  void everyProblemTypeTheServerSendsIsDescribedOnTheDocsPage() throws Exception {
    String source =
        java.nio.file.Files.readString(
            java.nio.file.Path.of("src/main/java/org/encours/api/http/Problems.java"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("new ApiException\\(\\s*\\d+,\\s*\"([a-z-]+)\"")
            .matcher(source);
    Set<String> slugs = new TreeSet<>();
    while (m.find()) {
      slugs.add(m.group(1));
    }
    assertThat(slugs)
        .contains(
            "bad-body",
            "bad-request",
            "request-timeout",
            "too-many-failed-keys",
            "uri-too-long",
            "headers-too-large");
    String docs =
        new String(OpsController.resource("docs.html"), java.nio.charset.StandardCharsets.UTF_8);
    for (String slug : slugs) {
      assertThat(docs).as(slug).contains("id=\"problem-" + slug + "\"");
    }
  }
}

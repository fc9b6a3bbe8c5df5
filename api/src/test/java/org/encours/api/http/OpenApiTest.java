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
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
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
      JsonNode op = doc.get("paths").get(route.path()).get(route.method().name().toLowerCase(Locale.ROOT));
      if (route.scope() != null) {
        assertThat(op.get("description").asText()).as(route.path()).startsWith("Scope: " + route.scope().word());
      } else {
        assertThat(op.get("security")).as(route.path()).isEmpty();
      }
    }
  }
}

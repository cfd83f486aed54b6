package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The OpenAPI check itself: it passes what the document allows and fails what it does not. */
class OpenApiResponsesTest {
  private static final String JSON = "application/json";

  @Test
  void shouldPassAResponseTheDocumentAllows() {
    OpenApiResponses.check(
        "GET",
        "/api/v1/health",
        200,
        JSON,
        "{\"healthy\":true,\"state\":\"running\",\"lastFrameAgeMs\":12}");
    OpenApiResponses.check("GET", "/api/v1/no-such-route", 404, JSON, "{}");
  }

  @Test
  void shouldFailAFieldRenamedInCode() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                OpenApiResponses.check(
                    "GET",
                    "/api/v1/health",
                    200,
                    JSON,
                    "{\"healthy\":true,\"state\":\"running\",\"lastFrameAge\":12}"));
    assertTrue(e.getMessage().contains("lastFrameAge"), e.getMessage());
  }

  @Test
  void shouldFailAWrongTypeAndAnUndocumentedStatus() {
    assertThrows(
        AssertionError.class,
        () ->
            OpenApiResponses.check(
                "GET",
                "/api/v1/frames/7",
                200,
                JSON,
                "{\"seq\":\"seven\",\"capturedAt\":\"x\",\"verdict\":\"CHANGE\",\"forwarded\":true,"
                    + "\"width\":1,\"height\":1}"));
    assertThrows(
        AssertionError.class,
        () -> OpenApiResponses.check("GET", "/api/v1/frames/7", 418, JSON, "{}"));
  }

  @Test
  void shouldHoldStatusToItsSchema() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                OpenApiResponses.check(
                    "GET", "/api/v1/status", 200, JSON, "{\"state\":\"running\"}"));
    assertTrue(e.getMessage().contains("capture"), e.getMessage());
  }
}

package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AgentErrorsTest {
  private static RuntimeException failure(String message) {
    return new IllegalStateException(message); // one place: one stack trace
  }

  @Test
  void shouldCountEveryErrorAndKeepOneRecordPerDistinctError() {
    AgentErrors errors = new AgentErrors();
    for (int i = 0; i < 3; i++) {
      errors.onError(failure("the same stage fails"));
    }
    errors.onError(new IllegalArgumentException("another"));
    assertEquals(new JsonObject().put("total", 4L).put("distinct", 2), errors.toJson());
  }
}

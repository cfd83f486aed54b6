package dev.ironcliw.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.config.VisionSettings;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.testing.ForeignListener;
import dev.ironcliw.vision.provider.StubProviderServer;
import dev.ironcliw.vision.provider.StubProviderServer.Reply;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The choice {@code vision.provider} makes, keys from the environment or a file. */
class VisionProvidersTest {
  private static final VisionProviders.Wiring WIRING =
      new VisionProviders.Wiring(
          OffHeapBudget.unlimited(), "visionQueue", analysis -> {}, ScreenTextSource.NONE);

  /** Nothing listens on port 9 (discard) of loopback here. */
  private static final String NOBODY = "http://127.0.0.1:9/v1";

  @TempDir Path dir;

  private static VisionSettings settings(String yaml) {
    return ConfigLoader.forThisMachine().parse(yaml, "test", Map.of()).vision();
  }

  private static VisionProviders.Choice select(String yaml, Map<String, String> env) {
    return VisionProviders.select(settings(yaml), env, WIRING);
  }

  private static String autoWithLocal(String localBaseUrl) {
    return "vision:\n  provider: auto\n  auto:\n    localBaseUrl: " + localBaseUrl + "\n";
  }

  @Test
  void shouldPreferAnthropicWhenItsKeyIsSet() {
    VisionProviders.Choice choice =
        select(
            autoWithLocal(NOBODY),
            Map.of("ANTHROPIC_API_KEY", "sk-ant-one", "OPENAI_API_KEY", "sk-two"));
    try (VisionProvider provider = choice.provider()) {
      assertEquals("anthropic", provider.name());
      assertEquals("claude-sonnet-4-5", provider.status().model());
      assertTrue(choice.message().startsWith("vision: provider anthropic"), choice.message());
      assertFalse(choice.message().contains("sk-ant-one"));
    }
  }

  @Test
  void shouldTakeOpenAiWhenOnlyItsKeyIsSet() {
    VisionProviders.Choice choice = select(autoWithLocal(NOBODY), Map.of("OPENAI_API_KEY", "sk-2"));
    try (VisionProvider provider = choice.provider()) {
      assertEquals("openai", provider.name());
      assertEquals("gpt-4o-mini", provider.status().model());
      assertTrue(choice.message().contains("with an API key"), choice.message());
    }
  }

  @Test
  void shouldFindALocalOpenAiCompatibleServerWithoutAnyKey() throws Exception {
    String models =
        "{\"object\":\"list\",\"data\":[{\"id\":\"qwen2.5:7b\",\"object\":\"model\"},"
            + "{\"id\":\"llava:13b\",\"object\":\"model\"}]}";
    try (StubProviderServer ollama = new StubProviderServer(Reply.json(200, models))) {
      VisionProviders.Choice choice = select(autoWithLocal(ollama.uri("/v1").toString()), Map.of());
      try (VisionProvider provider = choice.provider()) {
        assertEquals("openai", provider.name());
        assertEquals("llava:13b", provider.status().model(), "the vision model of the list");
        assertTrue(choice.message().contains("without an API key"), choice.message());
        assertTrue(choice.message().contains("belongs to this user"), choice.message());
      }
      assertEquals("/v1/models", ollama.received().getFirst().path());
    }
  }

  /**
   * A server another local user runs on the local port (as nobody here) gets nothing, not even the
   * models probe: it could collect the screenshots and answer with forged advice.
   */
  @Test
  void shouldSendNothingToALocalServerRunByAnotherUser(@TempDir Path dir) throws Exception {
    String models = "{\"object\":\"list\",\"data\":[{\"id\":\"llava:13b\"}]}";
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (ForeignListener stranger = ForeignListener.start(dir, port, models)) {
      VisionProviders.Choice choice =
          select(autoWithLocal("http://127.0.0.1:" + port + "/v1"), Map.of());
      assertEquals("none", choice.provider().name());
      assertTrue(
          choice.message().contains("belongs to uid " + ForeignListener.UID), choice.message());
      assertTrue(choice.message().contains("sent nothing"), choice.message());
      assertEquals(List.of(), stranger.requests(), "not even the models were asked");
    }
  }

  @Test
  void shouldChooseNoneAndSayWhyWhenNothingIsThere() {
    VisionProviders.Choice choice = select(autoWithLocal(NOBODY), Map.of());
    assertEquals("none", choice.provider().name());
    assertTrue(choice.message().contains("ANTHROPIC_API_KEY"), choice.message());
    assertTrue(choice.message().contains(NOBODY), choice.message());
  }

  @Test
  void shouldRefuseANamedProviderWithoutItsKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> select("vision:\n  provider: anthropic\n", Map.of()));
    assertEquals(
        "vision.provider anthropic needs an API key: set ANTHROPIC_API_KEY or"
            + " vision.anthropic.keyFile",
        e.getMessage());
  }

  @Test
  void shouldReadTheKeyFromTheKeyFile() throws Exception {
    Path keyFile = dir.resolve("anthropic.key");
    Files.writeString(keyFile, "sk-ant-from-file\n");
    String yaml = "vision:\n  provider: anthropic\n  anthropic:\n    keyFile: " + keyFile + "\n";
    try (VisionProvider provider = select(yaml, Map.of()).provider()) {
      assertEquals("anthropic", provider.name());
    }
  }

  @Test
  void shouldNameTheSettingWhenTheKeyFileIsMissingOrEmpty() throws Exception {
    Path missing = dir.resolve("nope.key");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                select(
                    "vision:\n  provider: openai\n  openai:\n    keyFile: " + missing + "\n",
                    Map.of()));
    assertTrue(e.getMessage().startsWith("vision.openai.keyFile: cannot read the key file "));
    Path empty = Files.writeString(dir.resolve("empty.key"), "  \n");
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                select(
                    "vision:\n  provider: openai\n  openai:\n    keyFile: " + empty + "\n",
                    Map.of()));
    assertTrue(e.getMessage().endsWith("is empty, expected the API key"), e.getMessage());
  }

  @Test
  void shouldPickAVisionModelFromALocalList() {
    assertEquals(
        "gemma3:4b",
        dev.ironcliw.vision.provider.LocalModels.pickVisionModel(
                List.of("llama3:8b", "gemma3:4b", "llava"))
            .orElseThrow());
    assertEquals(
        "llama3:8b",
        dev.ironcliw.vision.provider.LocalModels.pickVisionModel(List.of("llama3:8b"))
            .orElseThrow());
  }
}

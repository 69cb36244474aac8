package io.echojobs.echo.providers.llm;

import static io.echojobs.echo.providers.llm.FakeOpenAiServer.chatAnswer;
import static io.echojobs.echo.providers.llm.FakeOpenAiServer.transcriptionAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.echo.providers.ChatCompletion;
import io.echojobs.echo.providers.ChatMessage;
import io.echojobs.echo.providers.ChatRequest;
import io.echojobs.echo.providers.EndpointSettings;
import io.echojobs.echo.providers.ProviderRejectedException;
import io.echojobs.echo.providers.ProviderUnavailableException;
import io.echojobs.echo.providers.TranscriptionRequest;
import io.echojobs.echo.providers.UnusableAudioException;
import io.echojobs.echo.providers.llm.FakeOpenAiServer.Reply;
import io.echojobs.jobs.retry.UnrecoverableFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleClientTest {

  private static final String KEY = "sk-test-0123456789";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
  private static final ChatRequest REQUEST =
      ChatRequest.of(ChatMessage.system("Summarize."), ChatMessage.user("We need a new school."));

  private FakeOpenAiServer server;
  private OpenAiCompatibleClient client;

  @BeforeEach
  void startServer() throws IOException {
    server = new FakeOpenAiServer();
  }

  @AfterEach
  void stopServer() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  @Test
  void chatPostsModelMessagesAndTemperatureWithTheBearerKeyAndReadsTheFirstChoice() {
    server.reply("gpt-4o", Reply.ok(chatAnswer("gpt-4o-2024-08-06", "A school is needed.")));
    var chat = chatModel(List.of("gpt-4o"), TIMEOUT);

    ChatCompletion completion = chat.complete(REQUEST);

    assertThat(completion.content()).isEqualTo("A school is needed.");
    assertThat(completion.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(completion.finishReason()).isEqualTo("stop");
    assertThat(completion.usage()).isEqualTo(new ChatCompletion.Usage(57, 12, 69));
    var received = server.received().getFirst();
    assertThat(received.path()).isEqualTo("/v1/chat/completions");
    assertThat(received.header("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(received.header("Content-Type")).isEqualTo("application/json");
    assertThat(received.json().path("model").asText()).isEqualTo("gpt-4o");
    assertThat(received.json().path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(received.json().path("messages").size()).isEqualTo(2);
    assertThat(received.json().path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(received.json().path("messages").get(1).path("role").asText()).isEqualTo("user");
    assertThat(received.json().path("messages").get(1).path("content").asText())
        .isEqualTo("We need a new school.");
  }

  @Test
  void noAuthorizationHeaderIsSentWhenNoKeyIsConfigured() {
    server.reply("llama3", Reply.ok(chatAnswer("llama3", "ok")));
    client =
        new OpenAiCompatibleClient(
            new EndpointSettings(server.baseUrl(), "", List.of("llama3"), TIMEOUT));

    client.chat("llama3", REQUEST);

    assertThat(server.received().getFirst().header("Authorization")).isNull();
  }

  @Test
  void aServiceUnavailablePrimaryFallsBackToTheSecondModel() {
    server
        .reply("primary", Reply.error(503, "Service Unavailable", "server_error", "503"))
        .reply("fallback", Reply.ok(chatAnswer("fallback", "From the fallback.")));
    var chat = chatModel(List.of("primary", "fallback"), TIMEOUT);

    ChatCompletion completion = chat.complete(REQUEST);

    assertThat(completion.content()).isEqualTo("From the fallback.");
    assertThat(server.modelsAsked()).containsExactly("primary", "fallback");
  }

  @Test
  void aRateLimitedPrimaryFallsBackToTheSecondModel() {
    server
        .reply("primary", Reply.error(429, "Rate limit reached", "rate_limit_error", "429"))
        .reply("fallback", Reply.ok(chatAnswer("fallback", "From the fallback.")));
    var chat = chatModel(List.of("primary", "fallback"), TIMEOUT);

    assertThat(chat.complete(REQUEST).content()).isEqualTo("From the fallback.");
    assertThat(server.modelsAsked()).containsExactly("primary", "fallback");
  }

  @Test
  void aPrimaryThatDoesNotAnswerInTimeFallsBackToTheSecondModel() {
    server
        .reply("primary", Reply.hang())
        .reply("fallback", Reply.ok(chatAnswer("fallback", "From the fallback.")));
    var chat = chatModel(List.of("primary", "fallback"), SHORT_TIMEOUT);

    assertThat(chat.complete(REQUEST).content()).isEqualTo("From the fallback.");
    assertThat(server.modelsAsked()).containsExactly("primary", "fallback");
  }

  @Test
  void aBadRequestIsNotRetriedOnTheFallbackAndIsRejected() {
    server
        .reply(
            "primary",
            Reply.error(
                400,
                "This model's maximum context length is 8192 tokens",
                "invalid_request_error",
                "context_length_exceeded"))
        .reply("fallback", Reply.ok(chatAnswer("fallback", "unused")));
    var chat = chatModel(List.of("primary", "fallback"), TIMEOUT);

    assertThatThrownBy(() -> chat.complete(REQUEST))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.model()).isEqualTo("primary");
              assertThat(e).isInstanceOf(UnrecoverableFailure.class);
            })
        .hasMessageContaining("maximum context length")
        .hasMessageContaining("code=context_length_exceeded");
    assertThat(server.modelsAsked()).containsExactly("primary");
  }

  @Test
  void aRejectedKeyIsReportedWithoutTheKey() {
    server.reply(
        "gpt-4o", Reply.error(401, "Incorrect API key provided", "invalid_request_error", "401"));
    var chat = chatModel(List.of("gpt-4o"), TIMEOUT);

    assertThatThrownBy(() -> chat.complete(REQUEST))
        .isInstanceOf(ProviderRejectedException.class)
        .hasMessageContaining("status=401")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void whenEveryModelIsUnavailableTheLastFailureIsThrownWithTheEarlierOnesAttached() {
    server
        .reply("primary", Reply.error(502, "Bad gateway", "server_error", "502"))
        .reply("fallback", Reply.error(500, "Internal error", "server_error", "500"));
    var chat = chatModel(List.of("primary", "fallback"), TIMEOUT);

    assertThatThrownBy(() -> chat.complete(REQUEST))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.model()).isEqualTo("fallback");
              assertThat(e.status()).hasValue(500);
              assertThat(e.getSuppressed()).hasSize(1);
              assertThat(e).isNotInstanceOf(UnrecoverableFailure.class);
            });
  }

  @Test
  void aSuccessfulAnswerThatIsNotJsonIsUnavailableNotSuccess() {
    server.reply("gpt-4o", Reply.ok("<html>proxy error</html>"));
    var chat = chatModel(List.of("gpt-4o"), TIMEOUT);

    assertThatThrownBy(() -> chat.complete(REQUEST))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("unreadable answer");
  }

  @Test
  void anAnswerWithheldByTheContentFilterIsRejected() {
    server.reply(
        "gemini-2.5-pro",
        Reply.ok(
            """
            {"choices":[{"index":0,"message":{"role":"assistant","content":null},
             "finish_reason":"content_filter"}]}\
            """));
    var chat = chatModel(List.of("gemini-2.5-pro"), TIMEOUT);

    assertThatThrownBy(() -> chat.complete(REQUEST))
        .isInstanceOf(ProviderRejectedException.class)
        .hasMessageContaining("content filter");
  }

  @Test
  void transcriptionPostsTheAudioAndFieldsAsAMultipartForm() {
    server.reply("whisper-1", Reply.ok(transcriptionAnswer("We need a new school.")));
    byte[] audio = {(byte) 0xFF, (byte) 0xFB, 0x00, 0x0D, 0x0A, 0x2D, 0x2D, 0x7F};
    var transcriber = transcriber(List.of("whisper-1"));

    String text =
        transcriber.transcribe(
            new TranscriptionRequest(audio, "chunk-3.mp3", "audio/mpeg", "nl", "Dembrane, ECHO"));

    assertThat(text).isEqualTo("We need a new school.");
    var received = server.received().getFirst();
    assertThat(received.path()).isEqualTo("/v1/audio/transcriptions");
    assertThat(received.header("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(received.header("Content-Type")).startsWith("multipart/form-data; boundary=");
    var file = received.form().get("file");
    assertThat(file.fileName()).isEqualTo("chunk-3.mp3");
    assertThat(file.contentType()).isEqualTo("audio/mpeg");
    assertThat(file.content()).isEqualTo(audio);
    assertThat(received.form().get("model").text()).isEqualTo("whisper-1");
    assertThat(received.form().get("language").text()).isEqualTo("nl");
    assertThat(received.form().get("prompt").text()).isEqualTo("Dembrane, ECHO");
  }

  @Test
  void transcriptionLeavesOutAnEmptyLanguageAndPrompt() {
    server.reply("whisper-1", Reply.ok(transcriptionAnswer("Hallo.")));
    var transcriber = transcriber(List.of("whisper-1"));

    transcriber.transcribe(new TranscriptionRequest(bytes("RIFF"), "a.wav", "audio/wav", "", ""));

    assertThat(server.received().getFirst().form())
        .containsOnlyKeys("file", "model", "response_format");
  }

  @Test
  void transcriptionFallsBackToTheSecondModelOnAServerError() {
    server
        .reply("whisper-large", Reply.error(500, "CUDA out of memory", "server_error", "500"))
        .reply("whisper-1", Reply.ok(transcriptionAnswer("Fallback text.")));
    var transcriber = transcriber(List.of("whisper-large", "whisper-1"));

    String text =
        transcriber.transcribe(
            new TranscriptionRequest(bytes("ID3"), "c.mp3", "audio/mpeg", "en", ""));

    assertThat(text).isEqualTo("Fallback text.");
    assertThat(server.modelsAsked()).containsExactly("whisper-large", "whisper-1");
  }

  @Test
  void audioTheServiceCannotUseIsReportedAsSuchWithoutTryingTheFallback() {
    server
        .reply(
            "whisper-large",
            Reply.error(
                400,
                "Audio duration is too short. Minimum audio length is 0.1 seconds.",
                "invalid_request_error",
                "audio_too_short"))
        .reply("whisper-1", Reply.ok(transcriptionAnswer("unused")));
    var transcriber = transcriber(List.of("whisper-large", "whisper-1"));
    var request = new TranscriptionRequest(bytes("ID3"), "c.mp3", "audio/mpeg", "en", "");

    assertThatThrownBy(() -> transcriber.transcribe(request))
        .isInstanceOfSatisfying(
            UnusableAudioException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("too short");
    assertThat(server.modelsAsked()).containsExactly("whisper-large");
  }

  @Test
  void aMultimodalChatModelTranscribesAudioSentAsAnInputAudioPart() {
    server.reply(
        "gemini-2.5-pro", Reply.ok(chatAnswer("gemini-2.5-pro", " Wij willen een school. ")));
    byte[] audio = {(byte) 0xFF, (byte) 0xFB, 0x10, 0x20};
    client =
        new OpenAiCompatibleClient(
            new EndpointSettings(server.baseUrl(), KEY, List.of("gemini-2.5-pro"), TIMEOUT));
    var transcriber = new ChatAudioTranscriber(client);

    String text =
        transcriber.transcribe(
            new TranscriptionRequest(audio, "chunk-1.mp3", "audio/mpeg", "nl", "Dembrane, ECHO"));

    assertThat(text).isEqualTo("Wij willen een school.");
    var body = server.received().getFirst().json();
    assertThat(server.received().getFirst().path()).isEqualTo("/v1/chat/completions");
    assertThat(body.path("temperature").asDouble()).isZero();
    var system = body.path("messages").get(0);
    assertThat(system.path("role").asText()).isEqualTo("system");
    assertThat(system.path("content").asText()).contains("\"nl\"").contains("Dembrane, ECHO");
    var parts = body.path("messages").get(1).path("content");
    assertThat(parts.get(0).path("type").asText()).isEqualTo("text");
    assertThat(parts.get(1).path("type").asText()).isEqualTo("input_audio");
    assertThat(parts.get(1).path("input_audio").path("format").asText()).isEqualTo("mp3");
    assertThat(Base64.getDecoder().decode(parts.get(1).path("input_audio").path("data").asText()))
        .isEqualTo(audio);
  }

  @Test
  void audioFormatsAreNamedAsTheApiNamesThem() {
    assertThat(ChatAudioTranscriber.audioFormat("audio/mpeg")).isEqualTo("mp3");
    assertThat(ChatAudioTranscriber.audioFormat("audio/x-wav")).isEqualTo("wav");
    assertThat(ChatAudioTranscriber.audioFormat("audio/ogg; codecs=opus")).isEqualTo("ogg");
    assertThat(ChatAudioTranscriber.audioFormat("audio/x-flac")).isEqualTo("flac");
    assertThat(ChatAudioTranscriber.audioFormat("audio/webm")).isEqualTo("webm");
  }

  @Test
  void anUnreachableServiceIsUnavailableWithoutAStatus() {
    var settings =
        new EndpointSettings(
            java.net.URI.create("http://127.0.0.1:1/v1"), KEY, List.of("gpt-4o"), TIMEOUT);
    client = new OpenAiCompatibleClient(settings);

    assertThatThrownBy(() -> client.chat("gpt-4o", REQUEST))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.status()).isEmpty());
  }

  private OpenAiChatModel chatModel(List<String> models, Duration timeout) {
    client =
        new OpenAiCompatibleClient(new EndpointSettings(server.baseUrl(), KEY, models, timeout));
    return new OpenAiChatModel(client);
  }

  private OpenAiTranscriber transcriber(List<String> models) {
    client =
        new OpenAiCompatibleClient(new EndpointSettings(server.baseUrl(), KEY, models, TIMEOUT));
    return new OpenAiTranscriber(client);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}

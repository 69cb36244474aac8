package io.echojobs.echo.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.echo.providers.llm.ChatAudioTranscriber;
import io.echojobs.echo.providers.llm.ChatSummarizer;
import io.echojobs.echo.providers.llm.FakeOpenAiServer;
import io.echojobs.echo.providers.llm.FakeOpenAiServer.Reply;
import io.echojobs.echo.providers.llm.OpenAiTranscriber;
import io.echojobs.echo.providers.text.ExtractiveSummarizer;
import io.echojobs.echo.providers.transcription.ChunkContent;
import io.echojobs.echo.providers.transcription.UnconfiguredTranscriber;
import io.echojobs.jobs.retry.UnrecoverableFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvidersTest {

  private static final byte[] AUDIO = {1, 2, 3, 4};

  @Test
  void withNothingConfiguredTheOfflineDefaultsAreUsed() {
    try (var providers = Providers.fromEnvironment(Map.of())) {
      assertThat(providers.summarizer()).isInstanceOf(ExtractiveSummarizer.class);
      assertThat(providers.transcriber()).isInstanceOf(UnconfiguredTranscriber.class);
      assertThat(providers.chatModel()).isEmpty();
      assertThat(providers.canTranscribeAudio()).isFalse();
    }
  }

  @Test
  void anAudioChunkWithoutATranscriptionServiceFailsRecoverablyNamingTheVariables() {
    try (var providers = Providers.offline()) {
      var audio = new ChunkContent.Audio(AUDIO, "chunk-1.mp3", "audio/mpeg");
      var keyTerms = providers.keyTerms("");

      assertThatThrownBy(
              () -> providers.chunkTranscription().transcribe(audio, "en", keyTerms, false))
          .isInstanceOfSatisfying(
              TranscriptionNotConfiguredException.class,
              e -> assertThat(e).isNotInstanceOf(UnrecoverableFailure.class))
          .hasMessageContaining("ECHO_TRANSCRIPTION_MODELS")
          .hasMessageContaining("ECHO_TRANSCRIPTION_BASE_URL")
          .hasMessageContaining("ECHO_LLM_BASE_URL");
    }
  }

  @Test
  void aTextChunkNeedsNoTranscriptionService() {
    try (var providers = Providers.offline()) {
      var text = new ChunkContent.Text("Mail me at jan@example.nl about litellm.\0");

      String transcript =
          providers
              .chunkTranscription()
              .transcribe(text, "en", providers.keyTerms("LiteLLM"), true);

      assertThat(transcript).isEqualTo("Mail me at [EMAIL] about LiteLLM.");
    }
  }

  @Test
  void anEmptyTranscriptIsStoredAsNothingToTranscribe() {
    try (var providers = Providers.offline()) {
      String transcript =
          providers
              .chunkTranscription()
              .transcribe(new ChunkContent.Text("  "), "en", providers.keyTerms(""), false);

      assertThat(transcript).isEqualTo("[Nothing to transcribe]");
    }
  }

  @Test
  void theChatTranscriptionApiSelectsTheMultimodalChatTranscriber() {
    var env =
        Map.of(
            ProviderSettings.TRANSCRIPTION_BASE_URL, "http://127.0.0.1:9/v1",
            ProviderSettings.TRANSCRIPTION_MODELS, "gemini-2.5-pro",
            ProviderSettings.TRANSCRIPTION_API, "chat");

    try (var providers = Providers.fromEnvironment(env)) {
      assertThat(providers.transcriber()).isInstanceOf(ChatAudioTranscriber.class);
      assertThat(providers.summarizer()).isInstanceOf(ExtractiveSummarizer.class);
    }
  }

  @Test
  void configuredServicesSummarizeAndTranscribeThroughTheOpenAiApi() throws Exception {
    try (var server = new FakeOpenAiServer()) {
      server
          .reply("gpt-4o", Reply.ok(FakeOpenAiServer.chatAnswer("gpt-4o", "They want a school.")))
          .reply("whisper-1", Reply.ok(FakeOpenAiServer.transcriptionAnswer("echo jobs works")));
      var env =
          Map.of(
              ProviderSettings.LLM_BASE_URL, server.baseUrl().toString(),
              ProviderSettings.LLM_API_KEY, "sk-test",
              ProviderSettings.LLM_MODELS, "gpt-4o",
              ProviderSettings.TRANSCRIPTION_MODELS, "whisper-1");

      try (var providers = Providers.fromEnvironment(env)) {
        var audio = new ChunkContent.Audio(AUDIO, "chunk-1.mp3", "audio/mpeg");
        String summary =
            providers.summarizer().summarize(SummaryRequest.of("We need a new school.", "en"));
        String transcript =
            providers
                .chunkTranscription()
                .transcribe(audio, "nl", providers.keyTerms("Echo Jobs"), false);

        assertThat(providers.summarizer()).isInstanceOf(ChatSummarizer.class);
        assertThat(providers.transcriber()).isInstanceOf(OpenAiTranscriber.class);
        assertThat(summary).isEqualTo("They want a school.");
        assertThat(transcript).isEqualTo("Echo Jobs works");
        var transcription = server.received().get(1);
        assertThat(transcription.form().get("prompt").text()).isEqualTo("Echo Jobs");
        assertThat(transcription.header("Authorization")).isEqualTo("Bearer sk-test");
      }
    }
  }
}

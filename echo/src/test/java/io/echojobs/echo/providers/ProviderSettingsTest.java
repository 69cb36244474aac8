package io.echojobs.echo.providers;

import static io.echojobs.echo.providers.ProviderSettings.LLM_API_KEY;
import static io.echojobs.echo.providers.ProviderSettings.LLM_BASE_URL;
import static io.echojobs.echo.providers.ProviderSettings.LLM_MODELS;
import static io.echojobs.echo.providers.ProviderSettings.LLM_TIMEOUT_SECONDS;
import static io.echojobs.echo.providers.ProviderSettings.TRANSCRIPTION_API_KEY;
import static io.echojobs.echo.providers.ProviderSettings.TRANSCRIPTION_BASE_URL;
import static io.echojobs.echo.providers.ProviderSettings.TRANSCRIPTION_MODELS;
import static io.echojobs.echo.providers.ProviderSettings.TRANSCRIPTION_TIMEOUT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {

  private static final String KEY = "sk-live-secret";

  @Test
  void noVariablesMeansOfflineDefaults() {
    var settings = ProviderSettings.fromEnvironment(Map.of("PATH", "/usr/bin"));

    assertThat(settings.chat()).isEmpty();
    assertThat(settings.transcription()).isEmpty();
  }

  @Test
  void blankValuesCountAsUnset() {
    var settings = ProviderSettings.fromEnvironment(Map.of(LLM_BASE_URL, " ", LLM_MODELS, ""));

    assertThat(settings.chat()).isEmpty();
  }

  @Test
  void aCompleteLlmConfigurationIsReadWithItsDefaults() {
    var settings =
        ProviderSettings.fromEnvironment(
            Map.of(
                LLM_BASE_URL, "http://localhost:4000/v1/",
                LLM_API_KEY, KEY,
                LLM_MODELS, "gemini-2.5-pro, gpt-4o ,gpt-4o-mini"));

    var chat = settings.chat().orElseThrow();
    assertThat(chat.baseUrl()).isEqualTo(URI.create("http://localhost:4000/v1"));
    assertThat(chat.apiKey()).isEqualTo(KEY);
    assertThat(chat.models()).containsExactly("gemini-2.5-pro", "gpt-4o", "gpt-4o-mini");
    assertThat(chat.timeout())
        .isEqualTo(Duration.ofSeconds(ProviderSettings.DEFAULT_LLM_TIMEOUT_SECONDS));
    assertThat(settings.transcription()).isEmpty();
  }

  @Test
  void transcriptionDefaultsToTheLlmServiceAndKey() {
    var settings =
        ProviderSettings.fromEnvironment(
            Map.of(
                LLM_BASE_URL, "https://llm.example.org/v1",
                LLM_API_KEY, KEY,
                LLM_MODELS, "gpt-4o",
                TRANSCRIPTION_MODELS, "whisper-1",
                TRANSCRIPTION_TIMEOUT_SECONDS, "90"));

    var transcription = settings.transcription().orElseThrow();
    assertThat(transcription.baseUrl()).isEqualTo(URI.create("https://llm.example.org/v1"));
    assertThat(transcription.apiKey()).isEqualTo(KEY);
    assertThat(transcription.models()).isEqualTo(List.of("whisper-1"));
    assertThat(transcription.timeout()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void theLlmKeyIsNeverSentToAnotherTranscriptionHost() {
    var settings =
        ProviderSettings.fromEnvironment(
            Map.of(
                LLM_BASE_URL, "https://llm.example.org/v1",
                LLM_API_KEY, KEY,
                LLM_MODELS, "gpt-4o",
                TRANSCRIPTION_BASE_URL, "http://whisper.internal:8000/v1",
                TRANSCRIPTION_MODELS, "large-v3"));

    var transcription = settings.transcription().orElseThrow();
    assertThat(transcription.baseUrl()).isEqualTo(URI.create("http://whisper.internal:8000/v1"));
    assertThat(transcription.hasApiKey()).isFalse();
  }

  @Test
  void transcriptionAloneNeedsOnlyItsOwnVariables() {
    var settings =
        ProviderSettings.fromEnvironment(
            Map.of(
                TRANSCRIPTION_BASE_URL, "http://localhost:8000/v1",
                TRANSCRIPTION_API_KEY, KEY,
                TRANSCRIPTION_MODELS, "whisper-1"));

    assertThat(settings.chat()).isEmpty();
    assertThat(settings.transcription().orElseThrow().apiKey()).isEqualTo(KEY);
  }

  @Test
  void aBaseUrlWithoutModelsNamesTheModelsVariable() {
    assertThatThrownBy(
            () -> ProviderSettings.fromEnvironment(Map.of(LLM_BASE_URL, "http://localhost:4000")))
        .isInstanceOfSatisfying(
            ProviderConfigurationException.class,
            e -> assertThat(e.variable()).isEqualTo(LLM_MODELS))
        .hasMessageStartingWith("ECHO_LLM_MODELS: is not set");
  }

  @Test
  void modelsWithoutABaseUrlNameTheBaseUrlVariable() {
    assertThatThrownBy(() -> ProviderSettings.fromEnvironment(Map.of(LLM_MODELS, "gpt-4o")))
        .isInstanceOfSatisfying(
            ProviderConfigurationException.class,
            e -> assertThat(e.variable()).isEqualTo(LLM_BASE_URL))
        .hasMessageContaining("ECHO_LLM_MODELS is");
  }

  @Test
  void aKeyWithoutABaseUrlNamesTheBaseUrlButNotTheKey() {
    assertThatThrownBy(() -> ProviderSettings.fromEnvironment(Map.of(LLM_API_KEY, KEY)))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageStartingWith("ECHO_LLM_BASE_URL:")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void aUrlThatIsNotHttpIsRejectedWithItsValue() {
    var env = Map.of(LLM_BASE_URL, "ftp://files.example.org", LLM_MODELS, "gpt-4o");

    assertThatThrownBy(() -> ProviderSettings.fromEnvironment(env))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageStartingWith("ECHO_LLM_BASE_URL: 'ftp://files.example.org' is not allowed")
        .hasMessageContaining("http or https");
  }

  @Test
  void aRelativeUrlIsRejected() {
    var env = Map.of(LLM_BASE_URL, "localhost:4000", LLM_MODELS, "gpt-4o");

    assertThatThrownBy(() -> ProviderSettings.fromEnvironment(env))
        .isInstanceOfSatisfying(
            ProviderConfigurationException.class,
            e -> assertThat(e.variable()).isEqualTo(LLM_BASE_URL));
  }

  @Test
  void userInformationInAUrlIsRejectedWithoutRepeatingIt() {
    var env = Map.of(LLM_BASE_URL, "https://user:hunter2@llm.example.org/v1", LLM_MODELS, "gpt-4o");

    assertThatThrownBy(() -> ProviderSettings.fromEnvironment(env))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageStartingWith("ECHO_LLM_BASE_URL: 'https://llm.example.org/v1' holds user")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void theBaseUrlForLogsDropsNothingButTheTrailingSlash() {
    var settings =
        ProviderSettings.fromEnvironment(
            Map.of(LLM_BASE_URL, "https://llm.example.org:8443/v1/", LLM_MODELS, "m"));

    assertThat(settings.chat().orElseThrow().baseUrlForLog())
        .isEqualTo("https://llm.example.org:8443/v1");
  }

  @Test
  void anEmptyOrRepeatedModelNameIsRejected() {
    var empty = Map.of(LLM_BASE_URL, "http://localhost:4000", LLM_MODELS, "gpt-4o,,gpt-4o-mini");
    var repeated = Map.of(LLM_BASE_URL, "http://localhost:4000", LLM_MODELS, "gpt-4o,gpt-4o");

    assertThatThrownBy(() -> ProviderSettings.fromEnvironment(empty))
        .hasMessageContaining("ECHO_LLM_MODELS: 'gpt-4o,,gpt-4o-mini' has an empty model name");
    assertThatThrownBy(() -> ProviderSettings.fromEnvironment(repeated))
        .hasMessageContaining("names a model twice");
  }

  @Test
  void aTimeoutOutsideTheAllowedRangeNamesItsVariable() {
    for (String bad : List.of("0", "-5", "3601", "ten", "1.5")) {
      var env =
          Map.of(LLM_BASE_URL, "http://localhost:4000", LLM_MODELS, "m", LLM_TIMEOUT_SECONDS, bad);

      assertThatThrownBy(() -> ProviderSettings.fromEnvironment(env))
          .isInstanceOf(ProviderConfigurationException.class)
          .hasMessage(
              "ECHO_LLM_TIMEOUT_SECONDS: '"
                  + bad
                  + "' is not allowed; expected whole seconds"
                  + " from 1 to 3600");
    }
  }

  @Test
  void transcriptionVariablesWithoutModelsNameTheModelsVariable() {
    var env = Map.of(TRANSCRIPTION_BASE_URL, "http://localhost:8000/v1");

    assertThatThrownBy(() -> ProviderSettings.fromEnvironment(env))
        .isInstanceOfSatisfying(
            ProviderConfigurationException.class,
            e -> assertThat(e.variable()).isEqualTo(TRANSCRIPTION_MODELS));
  }

  @Test
  void transcriptionModelsWithoutAnyBaseUrlNameTheTranscriptionBaseUrl() {
    assertThatThrownBy(
            () -> ProviderSettings.fromEnvironment(Map.of(TRANSCRIPTION_MODELS, "whisper-1")))
        .isInstanceOfSatisfying(
            ProviderConfigurationException.class,
            e -> assertThat(e.variable()).isEqualTo(TRANSCRIPTION_BASE_URL))
        .hasMessageContaining("neither is ECHO_LLM_BASE_URL");
  }

  @Test
  void theTranscriptionApiDefaultsToTranscriptionsAndAcceptsChat() {
    var env = new java.util.HashMap<String, String>();
    env.put(TRANSCRIPTION_BASE_URL, "https://generativelanguage.googleapis.com/v1beta/openai");
    env.put(TRANSCRIPTION_MODELS, "gemini-2.5-pro,gemini-2.5-flash");

    var byDefault = ProviderSettings.fromEnvironment(env);
    env.put(ProviderSettings.TRANSCRIPTION_API, "Chat");
    var chat = ProviderSettings.fromEnvironment(env);

    assertThat(byDefault.transcriptionApi())
        .isEqualTo(ProviderSettings.TranscriptionApi.TRANSCRIPTIONS);
    assertThat(chat.transcriptionApi()).isEqualTo(ProviderSettings.TranscriptionApi.CHAT);
  }

  @Test
  void anUnknownTranscriptionApiIsRejectedWithTheAllowedValues() {
    var env =
        Map.of(
            TRANSCRIPTION_BASE_URL,
            "http://localhost:8000/v1",
            TRANSCRIPTION_MODELS,
            "whisper-1",
            ProviderSettings.TRANSCRIPTION_API,
            "whisper");

    assertThatThrownBy(() -> ProviderSettings.fromEnvironment(env))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessage(
            "ECHO_TRANSCRIPTION_API: 'whisper' is not allowed; expected transcriptions or chat");
  }

  @Test
  void aMisspelledVariableIsRejectedAsATypo() {
    assertThatThrownBy(() -> ProviderSettings.fromEnvironment(Map.of("ECHO_LLM_MODEL", "gpt-4o")))
        .isInstanceOfSatisfying(
            ProviderConfigurationException.class,
            e -> assertThat(e.variable()).isEqualTo("ECHO_LLM_MODEL"))
        .hasMessageContaining("not a known variable");
  }

  @Test
  void theDescriptionShowsWhetherAKeyIsSetButNeverTheKey() {
    var settings =
        ProviderSettings.fromEnvironment(
            Map.of(LLM_BASE_URL, "http://localhost:4000", LLM_API_KEY, KEY, LLM_MODELS, "m"));

    assertThat(settings.toString()).contains("apiKey=set").doesNotContain(KEY);
    assertThat(settings.chat().orElseThrow().toString()).doesNotContain(KEY);
  }
}

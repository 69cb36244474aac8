package io.echojobs.echo.providers;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outside-service configuration, read once at start from environment variables and validated as
 * a whole: a missing, malformed or inconsistent variable fails with a {@link
 * ProviderConfigurationException} naming it. Immutable. Blank values count as unset (an env file's
 * {@code ECHO_LLM_BASE_URL=} means "not configured").
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code ECHO_LLM_BASE_URL}</td><td>OpenAI-compatible base URL for chat, such as
 *       {@code http://localhost:4000/v1} (LiteLLM), {@code http://localhost:11434/v1} (Ollama),
 *       {@code https://generativelanguage.googleapis.com/v1beta/openai}</td>
 *       <td>unset: offline extractive summary</td></tr>
 *   <tr><td>{@code ECHO_LLM_API_KEY}</td><td>bearer token</td><td>none: no Authorization
 *       header</td></tr>
 *   <tr><td>{@code ECHO_LLM_MODELS}</td><td>model group: primary, then fallbacks, comma
 *       separated</td><td>required with the base URL</td></tr>
 *   <tr><td>{@code ECHO_LLM_TIMEOUT_SECONDS}</td><td>per HTTP request, 1 to 3600</td>
 *       <td>{@value #DEFAULT_LLM_TIMEOUT_SECONDS}</td></tr>
 *   <tr><td>{@code ECHO_TRANSCRIPTION_MODELS}</td><td>transcription model group, such as
 *       {@code whisper-1}; setting it enables transcription</td><td>unset: audio chunks end
 *       with {@link TranscriptionNotConfiguredException}</td></tr>
 *   <tr><td>{@code ECHO_TRANSCRIPTION_BASE_URL}</td><td>base URL of the
 *       {@code /audio/transcriptions} service</td><td>{@code ECHO_LLM_BASE_URL}</td></tr>
 *   <tr><td>{@code ECHO_TRANSCRIPTION_API_KEY}</td><td>bearer token</td><td>{@code
 *       ECHO_LLM_API_KEY}, but only when the base URL is the LLM's too (a key is never sent to
 *       another host than its own)</td></tr>
 *   <tr><td>{@code ECHO_TRANSCRIPTION_TIMEOUT_SECONDS}</td><td>per HTTP request, 1 to 3600</td>
 *       <td>{@value #DEFAULT_TRANSCRIPTION_TIMEOUT_SECONDS}</td></tr>
 *   <tr><td>{@code ECHO_TRANSCRIPTION_API}</td><td>{@code transcriptions}: {@code POST
 *       /audio/transcriptions} (Whisper); {@code chat}: the audio as an {@code input_audio} part
 *       of {@code POST /chat/completions} (Gemini)</td><td>{@code transcriptions}</td></tr>
 * </table>
 *
 * <p>Any other variable starting with {@code ECHO_LLM_} or {@code ECHO_TRANSCRIPTION_} is rejected
 * as a likely typo.
 */
public final class ProviderSettings {

  public static final String LLM_BASE_URL = "ECHO_LLM_BASE_URL";
  public static final String LLM_API_KEY = "ECHO_LLM_API_KEY";
  public static final String LLM_MODELS = "ECHO_LLM_MODELS";
  public static final String LLM_TIMEOUT_SECONDS = "ECHO_LLM_TIMEOUT_SECONDS";
  public static final String TRANSCRIPTION_BASE_URL = "ECHO_TRANSCRIPTION_BASE_URL";
  public static final String TRANSCRIPTION_API_KEY = "ECHO_TRANSCRIPTION_API_KEY";
  public static final String TRANSCRIPTION_MODELS = "ECHO_TRANSCRIPTION_MODELS";
  public static final String TRANSCRIPTION_TIMEOUT_SECONDS = "ECHO_TRANSCRIPTION_TIMEOUT_SECONDS";
  public static final String TRANSCRIPTION_API = "ECHO_TRANSCRIPTION_API";

  public static final long DEFAULT_LLM_TIMEOUT_SECONDS = 120;
  public static final long DEFAULT_TRANSCRIPTION_TIMEOUT_SECONDS = 300;
  public static final long MAX_TIMEOUT_SECONDS = 3600;

  private static final List<String> PREFIXES = List.of("ECHO_LLM_", "ECHO_TRANSCRIPTION_");
  private static final Set<String> KNOWN =
      Set.of(
          LLM_BASE_URL,
          LLM_API_KEY,
          LLM_MODELS,
          LLM_TIMEOUT_SECONDS,
          TRANSCRIPTION_BASE_URL,
          TRANSCRIPTION_API_KEY,
          TRANSCRIPTION_MODELS,
          TRANSCRIPTION_TIMEOUT_SECONDS,
          TRANSCRIPTION_API);

  /** Which endpoint transcribes audio. */
  public enum TranscriptionApi {
    /** {@code POST /audio/transcriptions}, multipart: Whisper, faster-whisper, LiteLLM. */
    TRANSCRIPTIONS,
    /** {@code POST /chat/completions} with an {@code input_audio} part: Gemini, GPT-4o audio. */
    CHAT;

    /** The variable's value naming this choice. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final EndpointSettings chat;
  private final EndpointSettings transcription;
  private final TranscriptionApi transcriptionApi;

  private ProviderSettings(
      EndpointSettings chat, EndpointSettings transcription, TranscriptionApi transcriptionApi) {
    this.chat = chat;
    this.transcription = transcription;
    this.transcriptionApi = transcriptionApi;
  }

  /**
   * Reads and validates the variables of {@code env} (pass {@code System.getenv()} in production, a
   * map in tests).
   *
   * @throws ProviderConfigurationException naming the first variable that is wrong
   */
  public static ProviderSettings fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    rejectUnknownVariables(env);
    EndpointSettings chat = chatSettings(env);
    EndpointSettings transcription = transcriptionSettings(env, chat);
    return new ProviderSettings(chat, transcription, parseTranscriptionApi(env));
  }

  /** No outside service: offline defaults everywhere. */
  public static ProviderSettings offline() {
    return new ProviderSettings(null, null, TranscriptionApi.TRANSCRIPTIONS);
  }

  /** The chat service, empty when summaries are made offline. */
  public Optional<EndpointSettings> chat() {
    return Optional.ofNullable(chat);
  }

  /** The transcription service, empty when audio cannot be transcribed. */
  public Optional<EndpointSettings> transcription() {
    return Optional.ofNullable(transcription);
  }

  /** Which endpoint the transcription service is called on. */
  public TranscriptionApi transcriptionApi() {
    return transcriptionApi;
  }

  @Override
  public String toString() {
    return "ProviderSettings[chat="
        + (chat == null ? "offline" : chat)
        + ", transcription="
        + (transcription == null ? "not configured" : transcription)
        + ", transcriptionApi="
        + transcriptionApi.value()
        + "]";
  }

  /** The URL without user information, query or fragment, which may hold credentials. */
  static String forLog(URI url) {
    try {
      return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null)
          .toString();
    } catch (URISyntaxException e) {
      return url.getScheme() + "://" + url.getHost();
    }
  }

  private static void rejectUnknownVariables(Map<String, String> env) {
    for (String name : env.keySet()) {
      boolean ours = PREFIXES.stream().anyMatch(name::startsWith);
      if (ours && !KNOWN.contains(name)) {
        throw new ProviderConfigurationException(
            name, "is not a known variable (a typo?); known: " + KNOWN.stream().sorted().toList());
      }
    }
  }

  private static EndpointSettings chatSettings(Map<String, String> env) {
    String baseUrl = value(env, LLM_BASE_URL);
    if (baseUrl == null) {
      requireUnset(env, LLM_BASE_URL, LLM_API_KEY, LLM_MODELS, LLM_TIMEOUT_SECONDS);
      return null;
    }
    return new EndpointSettings(
        parseUrl(LLM_BASE_URL, baseUrl),
        Objects.requireNonNullElse(value(env, LLM_API_KEY), ""),
        parseModels(env, LLM_MODELS),
        parseTimeout(env, LLM_TIMEOUT_SECONDS, DEFAULT_LLM_TIMEOUT_SECONDS));
  }

  private static EndpointSettings transcriptionSettings(
      Map<String, String> env, EndpointSettings chat) {
    if (value(env, TRANSCRIPTION_MODELS) == null) {
      requireUnset(
          env,
          TRANSCRIPTION_MODELS,
          TRANSCRIPTION_BASE_URL,
          TRANSCRIPTION_API_KEY,
          TRANSCRIPTION_TIMEOUT_SECONDS,
          TRANSCRIPTION_API);
      return null;
    }
    String baseUrl = value(env, TRANSCRIPTION_BASE_URL);
    String apiKey = value(env, TRANSCRIPTION_API_KEY);
    URI url;
    if (baseUrl != null) {
      url = parseUrl(TRANSCRIPTION_BASE_URL, baseUrl);
    } else if (chat != null) {
      url = chat.baseUrl();
      apiKey = apiKey == null ? chat.apiKey() : apiKey;
    } else {
      throw new ProviderConfigurationException(
          TRANSCRIPTION_BASE_URL,
          "is not set and neither is "
              + LLM_BASE_URL
              + "; set one to the URL of the /audio/transcriptions service, such as"
              + " http://localhost:4000/v1");
    }
    return new EndpointSettings(
        url,
        Objects.requireNonNullElse(apiKey, ""),
        parseModels(env, TRANSCRIPTION_MODELS),
        parseTimeout(env, TRANSCRIPTION_TIMEOUT_SECONDS, DEFAULT_TRANSCRIPTION_TIMEOUT_SECONDS));
  }

  private static TranscriptionApi parseTranscriptionApi(Map<String, String> env) {
    String raw = value(env, TRANSCRIPTION_API);
    if (raw == null) {
      return TranscriptionApi.TRANSCRIPTIONS;
    }
    for (TranscriptionApi api : TranscriptionApi.values()) {
      if (api.value().equals(raw.toLowerCase(Locale.ROOT))) {
        return api;
      }
    }
    throw new ProviderConfigurationException(
        TRANSCRIPTION_API, "'" + raw + "' is not allowed; expected transcriptions or chat");
  }

  private static void requireUnset(Map<String, String> env, String missing, String... others) {
    for (String other : others) {
      if (value(env, other) != null) {
        throw new ProviderConfigurationException(
            missing, "is not set, but " + other + " is; set " + missing + " or unset " + other);
      }
    }
  }

  private static URI parseUrl(String variable, String raw) {
    URI url;
    try {
      url = new URI(raw);
    } catch (URISyntaxException e) {
      String shown = raw.contains("@") ? "(value hidden: it holds user information)" : raw;
      throw new ProviderConfigurationException(variable, "'" + shown + "' is not a URL");
    }
    if (url.getRawUserInfo() != null) {
      throw new ProviderConfigurationException(
          variable,
          "'"
              + forLog(url)
              + "' holds user information (value hidden); put the key in the API key variable");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    boolean http = scheme.equals("http") || scheme.equals("https");
    if (!http || url.getHost() == null || url.getQuery() != null || url.getFragment() != null) {
      throw new ProviderConfigurationException(
          variable,
          "'"
              + (url.getHost() == null ? raw : forLog(url))
              + "' is not allowed; expected an absolute http or https URL without query, such as"
              + " http://localhost:4000/v1");
    }
    String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
    return URI.create(scheme + "://" + url.getRawAuthority() + path);
  }

  private static List<String> parseModels(Map<String, String> env, String variable) {
    String raw = value(env, variable);
    if (raw == null) {
      throw new ProviderConfigurationException(
          variable,
          "is not set; expected the model group as comma-separated names, primary first, such"
              + " as gpt-4o,gpt-4o-mini");
    }
    List<String> models = new ArrayList<>();
    for (String part : raw.split(",", -1)) {
      String model = part.strip();
      if (model.isEmpty()) {
        throw new ProviderConfigurationException(
            variable, "'" + raw + "' has an empty model name; expected names separated by commas");
      }
      models.add(model);
    }
    if (new LinkedHashSet<>(models).size() != models.size()) {
      throw new ProviderConfigurationException(
          variable, "'" + raw + "' names a model twice; each model may appear once");
    }
    return models;
  }

  private static Duration parseTimeout(Map<String, String> env, String variable, long seconds) {
    String raw = value(env, variable);
    if (raw == null) {
      return Duration.ofSeconds(seconds);
    }
    try {
      long parsed = Long.parseLong(raw);
      if (parsed >= 1 && parsed <= MAX_TIMEOUT_SECONDS) {
        return Duration.ofSeconds(parsed);
      }
    } catch (NumberFormatException e) {
      // Reported below with the allowed range.
    }
    throw new ProviderConfigurationException(
        variable,
        "'" + raw + "' is not allowed; expected whole seconds from 1 to " + MAX_TIMEOUT_SECONDS);
  }

  private static String value(Map<String, String> env, String variable) {
    String raw = env.get(variable);
    return raw == null || raw.isBlank() ? null : raw.strip();
  }
}

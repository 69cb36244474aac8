package io.echojobs.echo.providers.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.echojobs.echo.providers.ChatCompletion;
import io.echojobs.echo.providers.ChatMessage;
import io.echojobs.echo.providers.ChatRequest;
import io.echojobs.echo.providers.EndpointSettings;
import io.echojobs.echo.providers.ProviderRejectedException;
import io.echojobs.echo.providers.ProviderUnavailableException;
import io.echojobs.echo.providers.TranscriptionRequest;
import io.echojobs.echo.providers.UnusableAudioException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks the OpenAI HTTP API to one service (OpenAI, LiteLLM, vLLM, Ollama, Gemini's compatible
 * endpoint): {@code POST {base}/chat/completions} with a JSON body (text, or text and an {@code
 * input_audio} part) and {@code POST {base}/audio/transcriptions} with a multipart form. One call
 * asks one model; {@link ModelGroup} adds the fallbacks.
 *
 * <p>Every request carries {@code Authorization: Bearer <key>} when a key is configured and is
 * bounded by the endpoint's timeout (connection included; connecting alone by at most {@link
 * #MAX_CONNECT_TIMEOUT}). Failures map to types: no response, 408, 429 and 5xx to {@link
 * ProviderUnavailableException}; any other non-2xx to {@link ProviderRejectedException}, or {@link
 * UnusableAudioException} when a transcription service refuses the audio itself; all carry the
 * status and a short excerpt of the error body. The key, prompts and transcripts are never logged
 * nor put in exceptions.
 *
 * <p>Thread-safe: one instance serves all threads; {@link #close()} releases the HTTP client.
 * HTTP/1.1 is used because every compatible server speaks it, plain-text local ones included.
 */
public final class OpenAiCompatibleClient implements AutoCloseable {

  /** A host that accepts no connection within this time is down, however long answers take. */
  public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  static final String CHAT_PATH = "/chat/completions";
  static final String TRANSCRIPTION_PATH = "/audio/transcriptions";
  static final String CHAT = "chat";
  static final String TRANSCRIPTION = "transcription";

  private static final Logger log = LoggerFactory.getLogger(OpenAiCompatibleClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER_AGENT = "echo-jobs";

  /** Transcribing is copying, not writing: no sampling freedom. */
  private static final double AUDIO_TEMPERATURE = 0.0;

  /** What Whisper-style services say when the audio, not the request, is at fault (spec 5.2). */
  private static final List<String> UNUSABLE_AUDIO_PHRASES =
      List.of(
          "no spoken audio",
          "language_detection cannot be performed",
          "audio duration is too short",
          "file size",
          "empty file");

  private final EndpointSettings endpoint;
  private final HttpClient http;

  public OpenAiCompatibleClient(EndpointSettings endpoint) {
    this.endpoint = endpoint;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(min(endpoint.timeout(), MAX_CONNECT_TIMEOUT))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public EndpointSettings endpoint() {
    return endpoint;
  }

  /**
   * Asks {@code model} for a chat completion and returns the first choice.
   *
   * @throws ProviderUnavailableException on no response, 408, 429, 5xx or an unreadable answer
   * @throws ProviderRejectedException on another 4xx, or when a content filter withheld the answer
   */
  public ChatCompletion chat(String model, ChatRequest request) {
    var body =
        new WireChatRequest(
            model,
            request.messages().stream()
                .map(message -> new WireMessage(message.role().wireName(), message.content()))
                .toList(),
            request.temperature());
    HttpRequest httpRequest =
        newRequest(CHAT_PATH)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(toJson(body)))
            .build();
    HttpResponse<String> response = send(CHAT, model, httpRequest);
    return readCompletion(CHAT, model, response);
  }

  /**
   * Asks a multimodal chat {@code model} (Gemini, GPT-4o audio) about audio: the instructions go in
   * the system message, the audio as an {@code input_audio} content part (base64) of the user
   * message, next to {@code userText}. Failures are reported as the {@code transcription} operation
   * and map like {@link #transcribe}'s.
   *
   * @param format the audio format as the API names it, such as {@code mp3} or {@code wav}
   */
  public ChatCompletion chatAboutAudio(
      String model, String instructions, String userText, byte[] audio, String format) {
    var parts =
        List.<Object>of(
            new WireTextPart("text", userText),
            new WireAudioPart(
                "input_audio", new WireAudio(Base64.getEncoder().encodeToString(audio), format)));
    var body =
        new WireMultimodalRequest(
            model,
            List.of(
                new WireMessage(ChatMessage.Role.SYSTEM.wireName(), instructions),
                new WirePartsMessage(ChatMessage.Role.USER.wireName(), parts)),
            AUDIO_TEMPERATURE);
    HttpRequest httpRequest =
        newRequest(CHAT_PATH)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(toJson(body)))
            .build();
    HttpResponse<String> response = send(TRANSCRIPTION, model, httpRequest);
    return readCompletion(TRANSCRIPTION, model, response);
  }

  /**
   * Asks {@code model} to transcribe the request's audio and returns the text.
   *
   * @throws ProviderUnavailableException on no response, 408, 429, 5xx or an unreadable answer
   * @throws UnusableAudioException on a 4xx about the audio (nothing spoken, too short, empty, too
   *     large)
   * @throws ProviderRejectedException on another 4xx (unsupported format, unknown model, ...)
   */
  public String transcribe(String model, TranscriptionRequest request) {
    var form =
        new MultipartForm()
            .file("file", request.fileName(), request.mimeType(), request.audio())
            .field("model", model)
            .field("response_format", "json");
    if (!request.language().isEmpty()) {
      form.field("language", request.language());
    }
    if (!request.prompt().isEmpty()) {
      form.field("prompt", request.prompt());
    }
    String contentType = form.contentType();
    HttpRequest httpRequest =
        newRequest(TRANSCRIPTION_PATH)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(form.finish()))
            .build();
    HttpResponse<String> response = send(TRANSCRIPTION, model, httpRequest);
    JsonNode text = readJson(TRANSCRIPTION, model, response).path("text");
    if (!text.isTextual()) {
      throw unreadable(TRANSCRIPTION, model, response, "no text field");
    }
    return text.asText();
  }

  @Override
  public void close() {
    http.close();
  }

  private HttpRequest.Builder newRequest(String path) {
    var builder =
        HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path))
            .timeout(endpoint.timeout())
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT);
    if (endpoint.hasApiKey()) {
      builder.header("Authorization", "Bearer " + endpoint.apiKey());
    }
    return builder;
  }

  private HttpResponse<String> send(String operation, String model, HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ProviderUnavailableException(
          operation,
          model,
          ProviderUnavailableException.NO_RESPONSE,
          "no answer within " + endpoint.timeout().toMillis() + " ms",
          e);
    } catch (IOException e) {
      throw new ProviderUnavailableException(
          operation,
          model,
          ProviderUnavailableException.NO_RESPONSE,
          "connection failed: " + e.getClass().getSimpleName(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderUnavailableException(
          operation, model, ProviderUnavailableException.NO_RESPONSE, "interrupted", e);
    }
    int status = response.statusCode();
    log.debug("{} answered model={} status={}", operation, model, status);
    if (status >= 200 && status < 300) {
      return response;
    }
    String excerpt = ErrorExcerpt.of(response.body());
    if (isWorthRetry(status)) {
      throw new ProviderUnavailableException(operation, model, status, excerpt, null);
    }
    if (operation.equals(TRANSCRIPTION) && isAboutTheAudio(excerpt)) {
      throw new UnusableAudioException(model, status, excerpt);
    }
    throw new ProviderRejectedException(operation, model, status, excerpt);
  }

  /**
   * Whether a refused transcription names a problem with the audio rather than the request: the
   * only place a service's text decides a type, since the API has no code for it.
   */
  static boolean isAboutTheAudio(String excerpt) {
    String text = excerpt.toLowerCase(Locale.ROOT);
    return UNUSABLE_AUDIO_PHRASES.stream().anyMatch(text::contains);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** 408 and 429 say "later", 5xx says the server (or a proxy before it) failed. */
  static boolean isWorthRetry(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  private ChatCompletion readCompletion(
      String operation, String model, HttpResponse<String> response) {
    JsonNode root = readJson(operation, model, response);
    JsonNode choice = root.path("choices").path(0);
    String finishReason = choice.path("finish_reason").asText("");
    JsonNode content = choice.path("message").path("content");
    if ("content_filter".equals(finishReason)) {
      throw new ProviderRejectedException(
          operation, model, response.statusCode(), "answer withheld by the content filter");
    }
    if (!content.isTextual()) {
      throw unreadable(operation, model, response, "no choices[0].message.content");
    }
    JsonNode usage = root.path("usage");
    return new ChatCompletion(
        content.asText(),
        root.path("model").asText(model),
        finishReason,
        new ChatCompletion.Usage(
            usage.path("prompt_tokens").asInt(0),
            usage.path("completion_tokens").asInt(0),
            usage.path("total_tokens").asInt(0)));
  }

  private static JsonNode readJson(String operation, String model, HttpResponse<String> response) {
    try {
      JsonNode root = JSON.readTree(response.body());
      if (root != null && root.isObject()) {
        return root;
      }
    } catch (IOException e) {
      // Reported below without the body, which may hold a transcript.
    }
    throw unreadable(operation, model, response, "not a JSON object");
  }

  private static ProviderUnavailableException unreadable(
      String operation, String model, HttpResponse<String> response, String problem) {
    return new ProviderUnavailableException(
        operation, model, response.statusCode(), "unreadable answer: " + problem, null);
  }

  private static byte[] toJson(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a request record", e);
    }
  }

  /** The JSON body of a chat request, field names as the API spells them. */
  record WireChatRequest(String model, List<WireMessage> messages, double temperature) {}

  /** One message on the wire. */
  record WireMessage(String role, String content) {}

  /** A chat request whose messages may carry content parts. */
  record WireMultimodalRequest(String model, List<Object> messages, double temperature) {}

  /** A message made of content parts. */
  record WirePartsMessage(String role, List<Object> content) {}

  /** A text content part. */
  record WireTextPart(String type, String text) {}

  /** An audio content part. */
  record WireAudioPart(String type, @JsonProperty("input_audio") WireAudio inputAudio) {}

  /** Base64 audio and its format. */
  record WireAudio(String data, String format) {}
}

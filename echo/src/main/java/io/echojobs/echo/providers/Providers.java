package io.echojobs.echo.providers;

import io.echojobs.echo.providers.llm.ChatAudioTranscriber;
import io.echojobs.echo.providers.llm.ChatSummarizer;
import io.echojobs.echo.providers.llm.OpenAiChatModel;
import io.echojobs.echo.providers.llm.OpenAiCompatibleClient;
import io.echojobs.echo.providers.llm.OpenAiTranscriber;
import io.echojobs.echo.providers.text.ExtractiveSummarizer;
import io.echojobs.echo.providers.text.KeyTermNormalizer;
import io.echojobs.echo.providers.text.PiiRedactor;
import io.echojobs.echo.providers.transcription.ChunkTranscription;
import io.echojobs.echo.providers.transcription.UnconfiguredTranscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's outside services, chosen once at start from the configuration: the
 * OpenAI-compatible implementations for what is configured, the offline defaults for the rest.
 *
 * <table>
 *   <caption>What each configuration gives</caption>
 *   <tr><th>service</th><th>configured</th><th>offline default</th></tr>
 *   <tr><td>{@link #summarizer()}</td><td>{@code ChatSummarizer} over the LLM model group</td>
 *       <td>{@code ExtractiveSummarizer}</td></tr>
 *   <tr><td>{@link #transcriber()}</td><td>{@code OpenAiTranscriber} (or {@code
 *       ChatAudioTranscriber} with {@code ECHO_TRANSCRIPTION_API=chat}) over the transcription
 *       model group</td><td>{@code UnconfiguredTranscriber}: audio chunks fail recoverably;
 *       text chunks need none</td></tr>
 *   <tr><td>{@link #chatModel()}</td><td>{@code OpenAiChatModel}</td><td>empty</td></tr>
 *   <tr><td>{@link #piiRedactor()}, {@link #keyTerms(String)}</td><td colspan="2">always local
 *       </td></tr>
 * </table>
 *
 * <p>The variables are listed in {@link ProviderSettings}. The effective configuration is logged
 * once at INFO, without keys. Thread-safe; {@link #close()} releases the HTTP clients.
 */
public final class Providers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Providers.class);

  private final ProviderSettings settings;
  private final ChatModel chatModel;
  private final Summarizer summarizer;
  private final Transcriber transcriber;
  private final PiiRedactor piiRedactor = new PiiRedactor();

  /** Filled by the constructor only; read by {@link #close()}. */
  private final List<OpenAiCompatibleClient> clients = new ArrayList<>();

  private Providers(ProviderSettings settings) {
    this.settings = settings;
    this.chatModel = settings.chat().map(this::client).map(OpenAiChatModel::new).orElse(null);
    this.summarizer =
        chatModel == null ? new ExtractiveSummarizer() : new ChatSummarizer(chatModel);
    this.transcriber =
        settings
            .transcription()
            .map(this::client)
            .map(this::transcriber)
            .orElseGet(UnconfiguredTranscriber::new);
  }

  /**
   * Reads the configuration from {@code env} (pass {@code System.getenv()} in production) and
   * builds the services.
   *
   * @throws ProviderConfigurationException naming the variable that is wrong
   */
  public static Providers fromEnvironment(Map<String, String> env) {
    return create(ProviderSettings.fromEnvironment(env));
  }

  /** Builds the services for already validated settings. */
  public static Providers create(ProviderSettings settings) {
    Objects.requireNonNull(settings, "settings");
    var providers = new Providers(settings);
    log.info(
        "providers ready summarizer={} transcriber={} settings={}",
        providers.summarizer.getClass().getSimpleName(),
        providers.transcriber.getClass().getSimpleName(),
        settings);
    return providers;
  }

  /** Only the offline defaults. */
  public static Providers offline() {
    return create(ProviderSettings.offline());
  }

  public ProviderSettings settings() {
    return settings;
  }

  public Summarizer summarizer() {
    return summarizer;
  }

  public Transcriber transcriber() {
    return transcriber;
  }

  /** Whether audio chunks can be transcribed, rather than ending with a recoverable error. */
  public boolean canTranscribeAudio() {
    return settings.transcription().isPresent();
  }

  /** The configured chat model, empty when no LLM is configured. */
  public Optional<ChatModel> chatModel() {
    return Optional.ofNullable(chatModel);
  }

  public PiiRedactor piiRedactor() {
    return piiRedactor;
  }

  /** A normalizer for one project's comma-separated key terms. */
  public KeyTermNormalizer keyTerms(String commaSeparatedTerms) {
    return KeyTermNormalizer.of(commaSeparatedTerms);
  }

  /** Turns chunk content into a stored transcript with these providers. */
  public ChunkTranscription chunkTranscription() {
    return new ChunkTranscription(transcriber, piiRedactor);
  }

  @Override
  public void close() {
    clients.forEach(OpenAiCompatibleClient::close);
  }

  private Transcriber transcriber(OpenAiCompatibleClient client) {
    return switch (settings.transcriptionApi()) {
      case TRANSCRIPTIONS -> new OpenAiTranscriber(client);
      case CHAT -> new ChatAudioTranscriber(client);
    };
  }

  private OpenAiCompatibleClient client(EndpointSettings endpoint) {
    var client = new OpenAiCompatibleClient(endpoint);
    clients.add(client);
    return client;
  }
}

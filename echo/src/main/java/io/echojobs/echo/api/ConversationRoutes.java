package io.echojobs.echo.api;

import com.sun.net.httpserver.HttpExchange;
import io.echojobs.echo.app.ConversationService;
import io.echojobs.echo.app.ConversationService.ConversationView;
import io.echojobs.echo.progress.ProgressEvent;
import io.echojobs.echo.progress.ProgressEvents;
import io.echojobs.echo.storage.Chunk;
import io.echojobs.echo.storage.ChunkAudio;
import io.echojobs.echo.storage.Conversation;
import io.echojobs.echo.storage.NewProject;
import io.echojobs.echo.storage.ProcessingStatus;
import io.echojobs.echo.storage.ProcessingStatusRepository;
import io.echojobs.echo.storage.Project;
import io.echojobs.jobs.message.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/**
 * The conversation routes:
 *
 * <table>
 *   <tr><td>POST /api/projects</td><td>{name, language?, key_terms?, anonymize_transcripts?}
 *       → 201 project</td></tr>
 *   <tr><td>POST /api/projects/{id}/conversations</td><td>{participant_name?} → 201</td></tr>
 *   <tr><td>POST /api/conversations/{id}/chunks/text</td><td>{text, timestamp?} → 201</td></tr>
 *   <tr><td>POST /api/conversations/{id}/chunks/audio</td><td>the audio file as the body,
 *       Content-Type audio/*, optional header X-Chunk-Timestamp → 201</td></tr>
 *   <tr><td>POST /api/conversations/{id}/finish</td><td>→ 202</td></tr>
 *   <tr><td>GET /api/conversations/{id}</td><td>flags, chunk counts, transcript, summary</td></tr>
 *   <tr><td>GET /api/conversations/{id}/events</td><td>server-sent events: the stored status
 *       rows, then live progress, until summarized</td></tr>
 *   <tr><td>GET /health</td><td>no token needed</td></tr>
 * </table>
 */
final class ConversationRoutes {

  private static final String UUID_PART = "([0-9a-fA-F-]{36})";
  private static final long HEARTBEAT_SECONDS = 15;

  private final ConversationService conversations;
  private final ProgressEvents progress;
  private final ProcessingStatusRepository statuses;
  private ApiServer server;

  ConversationRoutes(
      ConversationService conversations,
      ProgressEvents progress,
      ProcessingStatusRepository statuses) {
    this.conversations = conversations;
    this.progress = progress;
    this.statuses = statuses;
  }

  void register(ApiServer api) {
    this.server = api;
    api.route("GET", "/health", false,
        (exchange, path) -> ApiServer.respond(exchange, 200, Map.of("status", "ok")));
    api.route("POST", "/api/projects", true, this::createProject);
    api.route("POST", "/api/projects/" + UUID_PART + "/conversations", true,
        this::createConversation);
    api.route("POST", "/api/conversations/" + UUID_PART + "/chunks/text", true, this::addText);
    api.route("POST", "/api/conversations/" + UUID_PART + "/chunks/audio", true, this::addAudio);
    api.route("POST", "/api/conversations/" + UUID_PART + "/finish", true, this::finish);
    api.route("GET", "/api/conversations/" + UUID_PART, true, this::read);
    api.route("GET", "/api/conversations/" + UUID_PART + "/events", true, this::events);
  }

  private void createProject(HttpExchange exchange, Matcher path) throws IOException {
    JsonBody body = JsonBody.parse(server.body(exchange),
        Set.of("name", "language", "key_terms", "anonymize_transcripts"));
    String language = body.optionalText("language", 8).orElse(NewProject.DEFAULT_LANGUAGE);
    if (!language.matches("[a-z]{2,3}")) {
      throw ApiException.badRequest("language: an ISO 639 code such as en or nl");
    }
    Project project = conversations.createProject(new NewProject(
        body.requiredText("name", 200),
        language,
        body.optionalText("key_terms", 2000).orElse(""),
        body.optionalBoolean("anonymize_transcripts").orElse(false)));
    ApiServer.respond(exchange, 201, project);
  }

  private void createConversation(HttpExchange exchange, Matcher path) throws IOException {
    JsonBody body = JsonBody.parse(server.body(exchange), Set.of("participant_name"));
    Conversation conversation = conversations.createConversation(
        uuid(path), body.optionalText("participant_name", 200).orElse(null));
    ApiServer.respond(exchange, 201, describe(conversations.view(conversation.id())));
  }

  private void addText(HttpExchange exchange, Matcher path) throws IOException {
    JsonBody body = JsonBody.parse(server.body(exchange), Set.of("text", "timestamp"));
    String text = body.requiredText("text", ConversationService.MAX_TEXT_CHARS);
    Instant at = body.optionalInstant("timestamp").orElseGet(Instant::now);
    Chunk chunk = conversations.addTextChunk(uuid(path), text, at);
    ApiServer.respond(exchange, 201, chunkJson(chunk));
  }

  private void addAudio(HttpExchange exchange, Matcher path) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("audio/")) {
      throw new ApiException(415, "Content-Type: must be an audio type such as audio/wav");
    }
    byte[] audio = server.body(exchange);
    if (audio.length == 0) {
      throw ApiException.badRequest("body: the audio file is empty");
    }
    String timestamp = exchange.getRequestHeaders().getFirst("X-Chunk-Timestamp");
    Instant at;
    try {
      at = timestamp == null ? Instant.now() : Instant.parse(timestamp);
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiException.badRequest("X-Chunk-Timestamp: must be an ISO-8601 instant");
    }
    Chunk chunk = conversations.addAudioChunk(uuid(path), new ChunkAudio(type, audio), at);
    ApiServer.respond(exchange, 201, chunkJson(chunk));
  }

  private void finish(HttpExchange exchange, Matcher path) throws IOException {
    UUID id = uuid(path);
    conversations.finish(id);
    ApiServer.respond(exchange, 202, describe(conversations.view(id)));
  }

  private void read(HttpExchange exchange, Matcher path) throws IOException {
    ApiServer.respond(exchange, 200, describe(conversations.view(uuid(path))));
  }

  /**
   * Streams progress. It subscribes first and only then sends the stored rows, so an event
   * published in between is not missed (the original checked first and subscribed after).
   */
  private void events(HttpExchange exchange, Matcher path) throws IOException {
    UUID id = uuid(path);
    conversations.view(id);
    BlockingQueue<ProgressEvent> live = new LinkedBlockingQueue<>();
    try (AutoCloseable subscription = progress.subscribe(id, live::add)) {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (ProcessingStatus row : statuses.listByConversation(id)) {
        send(out, new ProgressEvent(id, row.event(), row.message(), row.at()));
      }
      while (!conversations.view(id).conversation().summarized() || !live.isEmpty()) {
        ProgressEvent event = live.poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        if (event == null) {
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
        } else {
          send(out, event);
        }
      }
      out.write("event: done\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("progress subscription failed", e);
    }
  }

  private static void send(OutputStream out, ProgressEvent event) throws IOException {
    String data = Json.mapper().writeValueAsString(event);
    out.write(("event: progress\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static Map<String, Object> describe(ConversationView view) {
    Conversation c = view.conversation();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", c.id());
    json.put("project_id", c.projectId());
    json.put("is_finished", c.finished());
    json.put("is_all_chunks_transcribed", c.allChunksTranscribed());
    json.put("summary", c.summary());
    json.put("transcript", c.mergedTranscript());
    json.put("chunks", Map.of("pending", view.chunks().pending(), "ok", view.chunks().ok(),
        "error", view.chunks().error()));
    json.put("created_at", c.createdAt());
    return json;
  }

  private static Map<String, Object> chunkJson(Chunk chunk) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", chunk.id());
    json.put("conversation_id", chunk.conversationId());
    json.put("kind", chunk.kind().name().toLowerCase(Locale.ROOT));
    json.put("state", chunk.state().name().toLowerCase(Locale.ROOT));
    json.put("timestamp", chunk.clientTimestamp());
    return json;
  }

  private static UUID uuid(Matcher path) {
    try {
      return UUID.fromString(path.group(1));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("not a UUID: " + path.group(1));
    }
  }
}

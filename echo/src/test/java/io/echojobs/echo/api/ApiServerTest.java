package io.echojobs.echo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.echojobs.echo.app.EchoApplication;
import io.echojobs.echo.testing.TestAudio;
import io.echojobs.echo.testing.TestDatabase;
import io.echojobs.jobs.message.Json;
import io.echojobs.jobs.worker.WorkerOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API against a real server, database and worker, through the JDK's HTTP client. */
class ApiServerTest {

  private static final String TOKEN = "test-token-0123456789";
  private static final int MAX_BODY = 64 * 1024;

  @TempDir static Path workingDirectory;
  private static TestDatabase database;
  private static EchoApplication application;
  private static ApiServer api;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    database = TestDatabase.create();
    application = EchoApplication.start(
        Map.of("DATABASE_URL", database.environmentValue()), workingDirectory,
        Clock.systemUTC());
    application.startWorker(WorkerOptions.forQueues("network", "cpu"));
    api = application.remember(new ApiServer(0, TOKEN, application.conversations(),
        application.context().progress(), application.storage().statuses(), MAX_BODY));
    api.start();
  }

  @AfterAll
  static void stop() throws Exception {
    application.close();
    database.close();
  }

  @Test
  void aConversationCreatedOverHttpIsFollowedToItsSummary() throws Exception {
    String project = post("/api/projects",
        "{\"name\":\"Town hall\",\"key_terms\":\"Westpark\",\"anonymize_transcripts\":true}")
        .body().get("id").asText();
    String conversation = post("/api/projects/" + project + "/conversations",
        "{\"participant_name\":\"Ada\"}").body().get("id").asText();
    CompletableFuture<List<String>> events = followEvents(conversation);

    post("/api/conversations/" + conversation + "/chunks/text",
        "{\"text\":\"The westpark needs benches. Mail me at ada@example.org.\"}");
    post("/api/conversations/" + conversation + "/chunks/text",
        "{\"text\":\"Benches near the pond would help the elderly.\","
            + "\"timestamp\":\"2026-06-01T10:00:05Z\"}");
    Reply finished = post("/api/conversations/" + conversation + "/finish", "");

    assertThat(finished.status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> !get("/api/conversations/" + conversation).body().get("summary").isNull());
    JsonNode read = get("/api/conversations/" + conversation).body();
    assertThat(read.get("is_finished").asBoolean()).isTrue();
    assertThat(read.get("is_all_chunks_transcribed").asBoolean()).isTrue();
    assertThat(read.get("chunks").get("ok").asInt()).isEqualTo(2);
    assertThat(read.get("summary").asText()).contains("Westpark").doesNotContain("ada@");
    List<String> streamed = events.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(streamed).anyMatch(line -> line.contains("conversation.summarized"));
    assertThat(streamed.getLast()).isEqualTo("event: done");
  }

  @Test
  void aChunkForAFinishedConversationIsRefusedAndNothingIsWritten() throws Exception {
    String conversation = newConversation();
    post("/api/conversations/" + conversation + "/chunks/text", "{\"text\":\"first\"}");
    post("/api/conversations/" + conversation + "/finish", "");

    Reply refused = post("/api/conversations/" + conversation + "/chunks/text",
        "{\"text\":\"too late\"}");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.error()).contains("finished");
    assertThat(get("/api/conversations/" + conversation).body().get("chunks").get("ok").asInt()
        + get("/api/conversations/" + conversation).body().get("chunks").get("pending").asInt())
        .isEqualTo(1);
  }

  @Test
  void invalidRequestsGetA4xxSayingWhatWasWrong() throws Exception {
    String conversation = newConversation();

    assertThat(post("/api/projects", "{}")).isEqualTo(new Reply(400,
        error("name: required, a non-empty string")));
    assertThat(post("/api/projects", "{\"name\":\"x\",\"nmae\":\"y\"}").error())
        .startsWith("unknown field 'nmae'");
    assertThat(post("/api/projects", "{\"name\":").error()).startsWith("body is not valid JSON");
    assertThat(post("/api/projects", "{\"name\":42}").error()).isEqualTo("name: must be a string");
    assertThat(post("/api/projects", "{\"name\":\"x\",\"language\":\"English\"}").status())
        .isEqualTo(400);
    assertThat(post("/api/conversations/" + conversation + "/chunks/text",
        "{\"text\":\"x\",\"timestamp\":\"yesterday\"}").error()).startsWith("timestamp:");
    assertThat(post("/api/conversations/00000000-0000-0000-0000-000000000000/chunks/text",
        "{\"text\":\"x\"}").status()).isEqualTo(404);
    assertThat(post("/api/projects/00000000-0000-0000-0000-000000000000/conversations", "{}")
        .status()).isEqualTo(404);
    assertThat(send(HttpRequest.newBuilder(uri("/api/projects"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))).status())
        .isEqualTo(401);
    assertThat(send(HttpRequest.newBuilder(uri("/api/projects"))
        .header("Authorization", "Bearer wrong")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))).status())
        .isEqualTo(401);
    assertThat(send(request("/api/conversations/" + conversation).DELETE()).status())
        .isEqualTo(405);
  }

  @Test
  void anOversizedUploadIsRefusedAndNoChunkIsStored() throws Exception {
    String conversation = newConversation();
    byte[] tooBig = new byte[MAX_BODY + 1];

    Reply refused = send(request("/api/conversations/" + conversation + "/chunks/audio")
        .header("Content-Type", "audio/wav")
        .POST(HttpRequest.BodyPublishers.ofByteArray(tooBig)));
    Reply wrongType = send(request("/api/conversations/" + conversation + "/chunks/audio")
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("hello")));

    assertThat(refused.status()).isEqualTo(413);
    assertThat(wrongType.status()).isEqualTo(415);
    JsonNode chunks = get("/api/conversations/" + conversation).body().get("chunks");
    assertThat(chunks.get("pending").asInt() + chunks.get("ok").asInt()
        + chunks.get("error").asInt()).isZero();
  }

  @Test
  void anAudioChunkWithoutATranscriptionServiceEndsAsARecoverableErrorAndTheConversationConverges()
      throws Exception {
    String conversation = newConversation();
    byte[] wav = TestAudio.toneWav(Duration.ofMillis(300), 8000, 1);

    Reply added = send(request("/api/conversations/" + conversation + "/chunks/audio")
        .header("Content-Type", "audio/wav")
        .POST(HttpRequest.BodyPublishers.ofByteArray(wav)));
    post("/api/conversations/" + conversation + "/chunks/text", "{\"text\":\"Typed too.\"}");
    post("/api/conversations/" + conversation + "/finish", "");

    assertThat(added.status()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> !get("/api/conversations/" + conversation).body().get("summary").isNull());
    JsonNode chunks = get("/api/conversations/" + conversation).body().get("chunks");
    assertThat(chunks.get("error").asInt()).isEqualTo(1);
    assertThat(chunks.get("ok").asInt()).isEqualTo(1);
  }

  @Test
  void healthNeedsNoToken() throws Exception {
    assertThat(send(HttpRequest.newBuilder(uri("/health")).GET()).status()).isEqualTo(200);
  }

  private String newConversation() throws Exception {
    String project = post("/api/projects", "{\"name\":\"p\"}").body().get("id").asText();
    return post("/api/projects/" + project + "/conversations", "{}").body().get("id").asText();
  }

  private CompletableFuture<List<String>> followEvents(String conversation) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        HttpResponse<java.io.InputStream> response = http.send(
            request("/api/conversations/" + conversation + "/events").GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null) {
            if (!line.isBlank()) {
              lines.add(line);
            }
            if (line.equals("event: done")) {
              break;
            }
          }
        }
        return lines;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private Reply post(String path, String json) throws Exception {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private Reply get(String path) throws Exception {
    return send(request(path).GET());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + api.port() + path);
  }

  private Reply send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), Json.mapper().readTree(response.body()));
  }

  private static JsonNode error(String message) {
    return Json.mapper().valueToTree(Map.of("error", message));
  }

  private record Reply(int status, JsonNode body) {
    String error() {
      return body.path("error").asText();
    }
  }
}

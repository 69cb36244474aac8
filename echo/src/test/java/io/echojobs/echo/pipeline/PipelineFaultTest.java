package io.echojobs.echo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.echojobs.echo.app.EchoApplication;
import io.echojobs.echo.providers.llm.FakeOpenAiServer;
import io.echojobs.echo.storage.ChunkAudio;
import io.echojobs.echo.storage.ChunkCounts;
import io.echojobs.echo.storage.Conversation;
import io.echojobs.echo.storage.NewProject;
import io.echojobs.echo.storage.ProcessingStatus;
import io.echojobs.echo.testing.TestAudio;
import io.echojobs.echo.testing.TestDatabase;
import io.echojobs.echo.testing.WorkerProcess;
import io.echojobs.jobs.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline end to end on a real Redis and PostgreSQL, with worker processes killed (SIGKILL)
 * and replaced while 50 conversations of 20 chunks (half typed, half audio through a local
 * OpenAI-compatible transcription server) run through it.
 */
class PipelineFaultTest {

  private static final int CONVERSATIONS = 50;
  private static final int CHUNKS = 20;
  private static final Duration LEASE = Duration.ofSeconds(2);

  @TempDir Path workingDirectory;
  private final List<WorkerProcess> workers = new ArrayList<>();
  private TestDatabase database;
  private FakeOpenAiServer transcription;
  private EchoApplication producer;
  private Map<String, String> env;
  private String prefix;

  @BeforeEach
  void start() throws Exception {
    database = TestDatabase.create();
    transcription = new FakeOpenAiServer()
        .reply("whisper-1", FakeOpenAiServer.Reply.ok(FakeOpenAiServer.transcriptionAnswer(
            "We would like a crossing near the school, call me on +31 6 1234 5678.")));
    prefix = TestRedis.newPrefix("pipeline");
    env = new HashMap<>();
    env.put("DATABASE_URL", database.environmentValue());
    env.put("REDIS_URL", TestRedis.url());
    env.put("ECHO_REDIS_KEY_PREFIX", prefix);
    env.put("ECHO_TRANSCRIPTION_BASE_URL", transcription.baseUrl().toString());
    env.put("ECHO_TRANSCRIPTION_MODELS", "whisper-1");
    producer = EchoApplication.start(env, workingDirectory, Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    for (WorkerProcess worker : workers) {
      worker.close();
    }
    producer.close();
    transcription.close();
    TestRedis.deleteKeys(prefix);
    database.close();
  }

  @Test
  void everyConversationConvergesOnceWhileWorkersAreKilledAndReplaced() throws Exception {
    startWorker("a");
    startWorker("b");
    List<UUID> conversations = createFinishedConversations();

    awaitTranscribed(conversations, 10);
    workers.get(0).kill();
    startWorker("c");
    awaitTranscribed(conversations, 30);
    workers.get(1).kill();
    startWorker("d");

    try {
      await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
          .until(() -> count(conversations, Conversation::summarized) == CONVERSATIONS);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("not converged: " + progressReport(conversations), e);
    }

    for (UUID id : conversations) {
      Conversation conversation = producer.storage().conversations().find(id).orElseThrow();
      ChunkCounts counts = producer.storage().chunks().counts(id);
      assertThat(conversation.finished()).isTrue();
      assertThat(conversation.allChunksTranscribed()).isTrue();
      assertThat(conversation.summary()).isNotBlank();
      assertThat(counts.pending()).isZero();
      assertThat(counts.total()).isEqualTo(CHUNKS);
      assertThat(finalizeEffects(id)).as("finalize took effect once for %s", id).isEqualTo(1);
    }
    assertThat(producer.jobs().broker().figures("network").dead()).isZero();
    assertThat(producer.jobs().broker().figures("cpu").dead()).isZero();
    await().atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(coordinationKeysOf(conversations)).isEmpty());
    assertThat(anyChunkTranscriptContains(conversations, "6 1234")).isFalse();
  }

  private List<UUID> createFinishedConversations() {
    var service = producer.conversations();
    UUID project = service.createProject(
        new NewProject("fault test", "en", "crossing", true)).id();
    byte[] wav = TestAudio.toneWav(Duration.ofMillis(200), 8_000, 1);
    Instant spoken = Instant.parse("2026-06-01T10:00:00Z");
    List<UUID> ids = new ArrayList<>();
    for (int c = 0; c < CONVERSATIONS; c++) {
      UUID id = service.createConversation(project, null).id();
      for (int i = 0; i < CHUNKS; i++) {
        Instant at = spoken.plusSeconds(i);
        if (i % 2 == 0) {
          service.addTextChunk(id, "Typed remark number " + i + " about the park.", at);
        } else {
          service.addAudioChunk(id, new ChunkAudio("audio/wav", wav), at);
        }
      }
      service.finish(id);
      ids.add(id);
    }
    return ids;
  }

  private void startWorker(String name) throws Exception {
    workers.add(WorkerProcess.start(name, env,
        "--lease", LEASE.toString(), "--concurrency", "40", "--shutdown-grace", "PT1S"));
  }

  private void awaitTranscribed(List<UUID> conversations, int atLeast) {
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
        .until(() -> count(conversations, Conversation::allChunksTranscribed) >= atLeast);
  }

  private long count(List<UUID> ids, java.util.function.Predicate<Conversation> test) {
    return ids.stream()
        .map(id -> producer.storage().conversations().find(id).orElseThrow())
        .filter(test)
        .count();
  }

  /** What a person debugging a timeout needs: where each stuck conversation stands. */
  private String progressReport(List<UUID> conversations) {
    StringBuilder report = new StringBuilder();
    report.append("network=").append(producer.jobs().broker().figures("network"))
        .append(" cpu=").append(producer.jobs().broker().figures("cpu"));
    for (UUID id : conversations) {
      Conversation c = producer.storage().conversations().find(id).orElseThrow();
      if (!c.summarized()) {
        report.append("\n").append(id).append(" finished=").append(c.finished())
            .append(" transcribed=").append(c.allChunksTranscribed())
            .append(" chunks=").append(producer.storage().chunks().counts(id))
            .append(" events=").append(producer.storage().statuses().listByConversation(id)
                .stream().map(ProcessingStatus::event).toList());
      }
    }
    return report.toString();
  }

  private long finalizeEffects(UUID conversation) {
    return producer.storage().statuses().listByConversation(conversation).stream()
        .map(ProcessingStatus::event)
        .filter("conversation.transcribed"::equals)
        .count();
  }

  private boolean anyChunkTranscriptContains(List<UUID> conversations, String text) {
    return conversations.stream()
        .flatMap(id -> producer.storage().chunks().listByConversation(id).stream())
        .anyMatch(chunk -> chunk.transcript() != null && chunk.transcript().contains(text));
  }

  private List<String> coordinationKeysOf(List<UUID> conversations) {
    RedisClient client = RedisClient.create(TestRedis.url());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      List<String> keys = new ArrayList<>();
      for (UUID id : conversations) {
        ScanIterator<String> scan = ScanIterator.scan(connection.sync(),
            ScanArgs.Builder.matches("coord:{" + id + "}*").limit(1000));
        scan.forEachRemaining(keys::add);
      }
      return keys;
    } finally {
      client.shutdown();
    }
  }
}

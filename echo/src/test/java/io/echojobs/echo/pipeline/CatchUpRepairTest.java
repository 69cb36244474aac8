package io.echojobs.echo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.echojobs.echo.app.EchoApplication;
import io.echojobs.echo.storage.ChunkAudio;
import io.echojobs.echo.storage.Conversation;
import io.echojobs.echo.storage.NewProject;
import io.echojobs.echo.testing.PipelineDriver;
import io.echojobs.echo.testing.TestAudio;
import io.echojobs.echo.testing.TestDatabase;
import io.echojobs.jobs.coord.CoordKeys;
import io.echojobs.jobs.coord.InMemoryCoordination;
import io.echojobs.jobs.schedule.InMemoryScheduleStateStore;
import io.echojobs.jobs.schedule.Scheduler;
import io.echojobs.jobs.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catch-up jobs repair what an evicting Redis or a lost message breaks, driven by a settable
 * clock and the real scheduler, with every message run on the test's thread.
 */
class CatchUpRepairTest {

  private static final Instant START = Instant.parse("2026-06-01T10:00:30Z");

  @TempDir Path workingDirectory;
  private final SettableClock clock = new SettableClock(START);
  private TestDatabase database;
  private EchoApplication application;
  private PipelineDriver driver;
  private Scheduler scheduler;

  @BeforeEach
  void start() {
    database = TestDatabase.create();
    application = EchoApplication.start(
        Map.of("DATABASE_URL", database.environmentValue()), workingDirectory, clock);
    driver = new PipelineDriver(application.jobs());
    scheduler = Scheduler.builder(application.jobs())
        .schedules(CatchUpJobs.schedules())
        .store(new InMemoryScheduleStateStore(clock))
        .clock(clock)
        .build();
    scheduler.tick(); // takes the lease and starts every schedule's cursor at START
  }

  @AfterEach
  void stop() throws Exception {
    scheduler.close();
    application.close();
    database.close();
  }

  @Test
  void aLostCounterAndADroppedFinalizeAreRepairedByTheTranscribedFlagCatchUp() throws Exception {
    UUID conversation = conversationWithAudioChunks(3);
    forgetCounter(conversation);
    driver.drain();
    application.conversations().finish(conversation);

    driver.drain(actor -> actor.equals(ConversationPipeline.FINALIZE_CONVERSATION));

    assertThat(driver.dropped()).containsExactly(ConversationPipeline.FINALIZE_CONVERSATION);
    Conversation stuck = find(conversation);
    assertThat(stuck.finished()).isTrue();
    assertThat(stuck.allChunksTranscribed()).isFalse();
    assertThat(application.storage().chunks().counts(conversation).pending()).isZero();

    passMinutes(6);

    Conversation repaired = find(conversation);
    assertThat(repaired.allChunksTranscribed()).isTrue();
    assertThat(repaired.summarized()).isTrue();
    assertThat(repaired.mergedTranscript()).isNotNull();
    assertThat(application.catchUps().findings())
        .containsEntry(CatchUpJobs.RECONCILE_TRANSCRIBED, 1L);
    assertThat(coordination().liveKeys(conversation.toString())).isZero();
  }

  @Test
  void aConversationNobodyFinishedIsFinishedAndSummarizedByTheAbandonedCatchUp()
      throws Exception {
    UUID project = application.conversations()
        .createProject(NewProject.named("abandoned")).id();
    UUID conversation = application.conversations().createConversation(project, null).id();
    application.conversations().addTextChunk(conversation, "We talked about the park.", START);
    driver.drain();

    passMinutes(6);

    Conversation repaired = find(conversation);
    assertThat(repaired.finished()).isTrue();
    assertThat(repaired.allChunksTranscribed()).isTrue();
    assertThat(repaired.summary()).contains("park");
    assertThat(application.catchUps().findings())
        .containsEntry(CatchUpJobs.FINISH_ABANDONED, 1L);
  }

  @Test
  void aSplitWhoseWorkerDiedBeforeSendingThePartsOnIsRepairedByItsRedelivery() throws Exception {
    UUID conversation = conversationWithAudioChunks(1);
    UUID original =
        application.storage().chunks().listByConversation(conversation).getFirst().id();

    // The split commits, then the worker dies: the parts' transcription messages never leave.
    driver.drain(actor -> actor.equals(ConversationPipeline.TRANSCRIBE_CHUNK));
    assertThat(application.storage().chunks().counts(conversation).pending()).isEqualTo(1);
    assertThat(application.storage().chunks().find(original)).isEmpty();

    application.pipeline().sendProcessChunk(conversation, original); // the redelivery
    driver.drain();

    assertThat(application.storage().chunks().counts(conversation).pending()).isZero();
  }

  @Test
  void catchUpsThatFindNothingCountNothing() throws Exception {
    passMinutes(6);

    assertThat(driver.ran()).contains(
        CatchUpJobs.FINISH_ABANDONED, CatchUpJobs.RECONCILE_TRANSCRIBED,
        CatchUpJobs.SUMMARIZE_UNSUMMARIZED, CatchUpJobs.REPAIR_STUCK_CHUNKS,
        CatchUpJobs.REPAIR_MERGE_AND_COUNT);
    assertThat(application.catchUps().findings()).isEmpty();
  }

  /**
   * Moves time on a minute at a time as it passes live: a scheduler pass, then the worker runs
   * what is queued.
   */
  private void passMinutes(int minutes) throws InterruptedException {
    for (int i = 0; i < minutes; i++) {
      clock.advance(Duration.ofMinutes(1));
      scheduler.tick();
      driver.drain();
    }
  }

  private UUID conversationWithAudioChunks(int chunks) {
    UUID project = application.conversations()
        .createProject(NewProject.named("evicted")).id();
    UUID conversation = application.conversations().createConversation(project, null).id();
    for (int i = 0; i < chunks; i++) {
      byte[] wav = TestAudio.toneWav(Duration.ofMillis(500), 16_000, 2);
      application.conversations().addAudioChunk(
          conversation, new ChunkAudio("audio/wav", wav), START.plusSeconds(i));
    }
    return conversation;
  }

  /** Deletes the pending-chunks counter, as an evicting Redis would. */
  private void forgetCounter(UUID conversation) {
    assertThat(coordination().counter(conversation.toString(), "pending_chunks")).hasValue(3);
    coordination().forget(CoordKeys.counter(conversation.toString(), "pending_chunks"));
  }

  private InMemoryCoordination coordination() {
    return (InMemoryCoordination) application.jobs().backend().coordination();
  }

  private Conversation find(UUID id) {
    return application.storage().conversations().find(id).orElseThrow();
  }
}

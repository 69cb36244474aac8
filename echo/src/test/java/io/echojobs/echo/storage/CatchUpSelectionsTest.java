package io.echojobs.echo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.echojobs.echo.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatchUpSelectionsTest {

  private static final Instant CREATED = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant NOW = CREATED.plus(Duration.ofMinutes(30));
  private static final Duration QUIET = Duration.ofMinutes(5);
  private static final ChunkAudio AUDIO = new ChunkAudio("audio/webm", new byte[] {1, 2});

  private static TestDatabase db;
  private static Storage storage;
  private static CatchUpSelections catchUp;

  private UUID project;

  @BeforeAll
  static void openDatabase() {
    db = TestDatabase.create();
    storage = db.storage();
    catchUp = storage.catchUp();
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    db.close();
  }

  @BeforeEach
  void emptyTables() {
    db.execute("TRUNCATE project, conversation, conversation_chunk, processing_status");
    project = storage.projects().create(NewProject.named("p"), CREATED).id();
  }

  @Test
  void abandonedAreOpenConversationsWithNoChunkReceivedDuringTheQuietPeriod() {
    UUID quiet = conversation(CREATED);
    storage.chunks().addTextChunk(quiet, "old", NOW, NOW.minus(QUIET).minusSeconds(1));
    UUID neverGotAChunk = conversation(CREATED);
    UUID active = conversation(CREATED);
    storage.chunks().addTextChunk(active, "recent", CREATED, NOW.minusSeconds(10));
    UUID tooYoung = conversation(NOW.minus(Duration.ofMinutes(4)));
    UUID finished = conversation(CREATED);
    storage.conversations().markFinished(finished, CREATED);
    UUID deleted = conversation(CREATED);
    storage.conversations().markDeleted(deleted, CREATED);

    List<UUID> selected = catchUp.abandonedConversations(NOW, QUIET, PageRequest.first()).items();

    assertThat(selected).containsExactlyInAnyOrder(quiet, neverGotAChunk);
  }

  @Test
  void abandonedGoesByServerTimeNotTheClientTimestamp() {
    UUID fastClock = conversation(CREATED);
    storage.chunks().addTextChunk(fastClock, "x", NOW.plus(Duration.ofHours(1)), CREATED);
    UUID slowClock = conversation(CREATED);
    storage.chunks().addTextChunk(slowClock, "x", CREATED.minus(Duration.ofDays(1)), NOW);

    List<UUID> selected = catchUp.abandonedConversations(NOW, QUIET, PageRequest.first()).items();

    assertThat(selected).containsExactly(fastClock);
  }

  @Test
  void toFinalizeAreFinishedConversationsWithTheFlagDownAndNoPendingChunk() {
    UUID ready = conversation(CREATED);
    storage.chunks().addTextChunk(ready, "x", CREATED, CREATED);
    storage.conversations().markFinished(ready, CREATED);
    UUID failedChunk = conversation(CREATED);
    Chunk chunk = storage.chunks().addAudioChunk(failedChunk, AUDIO, CREATED, CREATED);
    storage.chunks().recordError(chunk.id(), "bad", false, CREATED);
    storage.conversations().markFinished(failedChunk, CREATED);
    UUID pending = conversation(CREATED);
    storage.chunks().addAudioChunk(pending, AUDIO, CREATED, CREATED);
    storage.conversations().markFinished(pending, CREATED);
    UUID alreadyFlagged = finishedConversation();
    storage.conversations().markAllChunksTranscribed(alreadyFlagged, CREATED);
    conversation(CREATED);

    List<UUID> selected = catchUp.finishedButNotTranscribed(NOW, PageRequest.first()).items();

    assertThat(selected).containsExactlyInAnyOrder(ready, failedChunk);
  }

  @Test
  void toSummarizeAreTranscribedConversationsWithoutSummary() {
    UUID unsummarized = transcribedConversation();
    UUID summarized = transcribedConversation();
    storage.conversations().storeSummaryIfAbsent(summarized, "done", NOW);
    UUID deleted = transcribedConversation();
    storage.conversations().markDeleted(deleted, NOW);
    finishedConversation();

    List<UUID> selected = catchUp.transcribedButNotSummarized(NOW, PageRequest.first()).items();

    assertThat(selected).containsExactly(unsummarized);
  }

  @Test
  void toMergeAndToCountAreTranscribedConversationsMissingThoseResults() {
    UUID bare = transcribedConversation();
    UUID merged = transcribedConversation();
    storage.conversations().storeMergedTranscript(merged, "", NOW);
    UUID counted = transcribedConversation();
    storage.conversations().storeTokenCountIfAbsent(counted, 0, NOW);
    finishedConversation();

    List<UUID> toMerge = catchUp.transcribedButNotMerged(NOW, PageRequest.first()).items();
    List<UUID> toCount = catchUp.transcribedButNotCounted(NOW, PageRequest.first()).items();

    assertThat(toMerge).containsExactlyInAnyOrder(bare, counted);
    assertThat(toCount).containsExactlyInAnyOrder(bare, merged);
  }

  @Test
  void stuckChunksArePendingAudioChunksOlderThanTheLimit() {
    UUID id = conversation(CREATED);
    Chunk stuck = storage.chunks().addAudioChunk(id, AUDIO, CREATED, CREATED);
    storage.chunks().beginAttempt(stuck.id());
    storage.chunks().addAudioChunk(id, AUDIO, NOW, NOW.minusSeconds(60));
    Chunk transcribed = storage.chunks().addAudioChunk(id, AUDIO, CREATED, CREATED);
    storage.chunks().recordTranscript(transcribed.id(), "x", CREATED);
    storage.chunks().addTextChunk(id, "typed", CREATED, CREATED);

    List<PendingChunk> selected =
        catchUp.stuckChunks(NOW, Duration.ofMinutes(15), PageRequest.first()).items();

    assertThat(selected).containsExactly(new PendingChunk(stuck.id(), id, 1));
  }

  @Test
  void everySelectionPagesThroughMoreCandidatesThanOnePage() {
    Set<UUID> abandoned = new HashSet<>();
    Set<UUID> toFinalize = new HashSet<>();
    Set<UUID> toSummarize = new HashSet<>();
    Set<UUID> stuck = new HashSet<>();
    for (int i = 0; i < 23; i++) {
      abandoned.add(conversation(CREATED));
      toFinalize.add(finishedConversation());
      toSummarize.add(transcribedConversation());
    }
    UUID withChunks = conversation(CREATED);
    abandoned.add(withChunks);
    for (int i = 0; i < 23; i++) {
      stuck.add(storage.chunks().addAudioChunk(withChunks, AUDIO, CREATED, CREATED).id());
    }

    assertThat(all(page -> catchUp.abandonedConversations(NOW, QUIET, page), id -> id))
        .containsExactlyInAnyOrderElementsOf(abandoned);
    assertThat(all(page -> catchUp.finishedButNotTranscribed(NOW, page), id -> id))
        .containsExactlyInAnyOrderElementsOf(toFinalize);
    assertThat(all(page -> catchUp.transcribedButNotSummarized(NOW, page), id -> id))
        .containsExactlyInAnyOrderElementsOf(toSummarize);
    assertThat(
            all(page -> catchUp.stuckChunks(NOW, QUIET, page), PendingChunk::chunkId))
        .containsExactlyInAnyOrderElementsOf(stuck);
  }

  @Test
  void aPageOfExactlyTheRemainingRowsIsTheLast() {
    for (int i = 0; i < 5; i++) {
      transcribedConversation();
    }

    Page<UUID> page = catchUp.transcribedButNotSummarized(NOW, PageRequest.first(5));

    assertThat(page.items()).hasSize(5);
    assertThat(page.nextPage()).isEmpty();
  }

  /** Reads every page of 5 and checks that no id comes twice. */
  private static <T> List<UUID> all(Function<PageRequest, Page<T>> select, Function<T, UUID> id) {
    List<UUID> seen = new ArrayList<>();
    Optional<PageRequest> next = Optional.of(PageRequest.first(5));
    int pages = 0;
    while (next.isPresent()) {
      Page<T> page = select.apply(next.get());
      page.items().forEach(item -> seen.add(id.apply(item)));
      next = page.nextPage();
      pages++;
    }
    assertThat(pages).isGreaterThan(1);
    assertThat(seen).doesNotHaveDuplicates();
    return seen;
  }

  private UUID conversation(Instant createdAt) {
    return storage.conversations().create(NewConversation.of(project, "PORTAL"), createdAt).id();
  }

  private UUID finishedConversation() {
    UUID id = conversation(CREATED);
    storage.conversations().markFinished(id, CREATED);
    return id;
  }

  private UUID transcribedConversation() {
    UUID id = finishedConversation();
    storage.conversations().markAllChunksTranscribed(id, CREATED);
    return id;
  }
}

package io.echojobs.echo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.echo.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChunkRepositoryTest {

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T0.plusSeconds(120);
  private static final ChunkAudio AUDIO = new ChunkAudio("audio/mpeg", new byte[] {7, 0, -1, 42});

  private static TestDatabase db;
  private static Storage storage;
  private static ChunkRepository chunks;

  private UUID conversation;

  @BeforeAll
  static void openDatabase() {
    db = TestDatabase.create();
    storage = db.storage();
    chunks = storage.chunks();
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    db.close();
  }

  @BeforeEach
  void createConversation() {
    Project project = storage.projects().create(NewProject.named("p"), T0);
    conversation =
        storage.conversations().create(NewConversation.of(project.id(), "PORTAL"), T0).id();
  }

  @Test
  void aTextChunkCarriesItsTextAsTranscriptAndIsNotPending() {
    Chunk added = chunks.addTextChunk(conversation, "hello", T0, T1);

    assertThat(chunks.find(added.id())).contains(added);
    assertThat(added.kind()).isEqualTo(ChunkKind.TEXT);
    assertThat(added.transcript()).isEqualTo("hello");
    assertThat(added.state()).isEqualTo(ChunkState.OK);
    assertThat(added.clientTimestamp()).isEqualTo(T0);
    assertThat(added.receivedAt()).isEqualTo(T1);
    assertThat(chunks.audio(added.id())).isEmpty();
  }

  @Test
  void anAudioChunkIsPendingAndKeepsItsBytes() {
    Chunk added = chunks.addAudioChunk(conversation, AUDIO, T0, T1);

    ChunkAudio audio = chunks.audio(added.id()).orElseThrow();

    assertThat(added.state()).isEqualTo(ChunkState.PENDING);
    assertThat(audio.contentType()).isEqualTo("audio/mpeg");
    assertThat(audio.bytes()).containsExactly(7, 0, -1, 42);
  }

  @Test
  void aChunkForAFinishedConversationIsRefusedAndWritesNothing() {
    chunks.addTextChunk(conversation, "before", T0, T0);
    storage.conversations().markFinished(conversation, T1);
    Instant updatedAt = storage.conversations().find(conversation).orElseThrow().updatedAt();

    assertThatThrownBy(() -> chunks.addAudioChunk(conversation, AUDIO, T2, T2))
        .isInstanceOf(ConversationFinishedException.class)
        .hasMessageContaining(conversation.toString());
    assertThatThrownBy(() -> chunks.addTextChunk(conversation, "after", T2, T2))
        .isInstanceOf(ConversationFinishedException.class);

    assertThat(chunks.listByConversation(conversation))
        .extracting(Chunk::transcript)
        .containsExactly("before");
    assertThat(storage.conversations().find(conversation).orElseThrow().updatedAt())
        .isEqualTo(updatedAt);
  }

  @Test
  void aChunkForAMissingOrDeletedConversationIsRefused() {
    storage.conversations().markDeleted(conversation, T1);

    assertThatThrownBy(() -> chunks.addTextChunk(conversation, "x", T2, T2))
        .isInstanceOf(ConversationNotFoundException.class);
    assertThatThrownBy(() -> chunks.addTextChunk(UUID.randomUUID(), "x", T2, T2))
        .isInstanceOf(ConversationNotFoundException.class);
  }

  @Test
  void countsCoverEveryChunkWithoutAPageLimit() {
    for (int i = 0; i < 150; i++) {
      chunks.addTextChunk(conversation, "t" + i, T0.plusSeconds(i), T0);
    }
    for (int i = 0; i < 120; i++) {
      chunks.addAudioChunk(conversation, AUDIO, T1.plusSeconds(i), T1);
    }
    Chunk failed = chunks.addAudioChunk(conversation, AUDIO, T2, T2);
    chunks.recordError(failed.id(), "bad file", false, T2);

    ChunkCounts counts = chunks.counts(conversation);

    assertThat(counts).isEqualTo(new ChunkCounts(120, 150, 1));
    assertThat(counts.total()).isEqualTo(271);
    assertThat(chunks.listByConversation(conversation)).hasSize(271);
  }

  @Test
  void chunksAreListedInClientTimeOrder() {
    chunks.addTextChunk(conversation, "second", T1, T0);
    chunks.addTextChunk(conversation, "first", T0, T1);

    List<Chunk> listed = chunks.listByConversation(conversation);

    assertThat(listed).extracting(Chunk::transcript).containsExactly("first", "second");
  }

  @Test
  void aTranscriptClearsAnEarlierErrorAndTheTokenCount() {
    Chunk chunk = chunks.addAudioChunk(conversation, AUDIO, T0, T0);
    chunks.recordError(chunk.id(), "provider timeout", false, T1);
    storage.conversations().storeTokenCountIfAbsent(conversation, 10, T1);

    chunks.recordTranscript(chunk.id(), "we\u0000 talked", T2);

    Chunk found = chunks.find(chunk.id()).orElseThrow();
    assertThat(found.transcript()).isEqualTo("we talked");
    assertThat(found.error()).isNull();
    assertThat(found.state()).isEqualTo(ChunkState.OK);
    assertThat(found.processedAt()).isEqualTo(T2);
    assertThat(storage.conversations().find(conversation).orElseThrow().tokenCount()).isNull();
  }

  @Test
  void anErrorIsNotStoredOverATranscript() {
    Chunk chunk = chunks.addAudioChunk(conversation, AUDIO, T0, T0);
    chunks.recordTranscript(chunk.id(), "done", T1);

    boolean stored = chunks.recordError(chunk.id(), "late duplicate failed", false, T2);

    assertThat(stored).isFalse();
    assertThat(chunks.find(chunk.id()).orElseThrow().state()).isEqualTo(ChunkState.OK);
  }

  @Test
  void anErrorIsStoredWithWhetherItIsRecoverable() {
    Chunk chunk = chunks.addAudioChunk(conversation, AUDIO, T0, T0);

    boolean stored = chunks.recordError(chunk.id(), "no spoken audio", true, T1);

    Chunk found = chunks.find(chunk.id()).orElseThrow();
    assertThat(stored).isTrue();
    assertThat(found.state()).isEqualTo(ChunkState.ERROR);
    assertThat(found.errorRecoverable()).isTrue();
  }

  @Test
  void attemptsAreCounted() {
    Chunk chunk = chunks.addAudioChunk(conversation, AUDIO, T0, T0);

    int first = chunks.beginAttempt(chunk.id());
    int second = chunks.beginAttempt(chunk.id());

    assertThat(first).isEqualTo(1);
    assertThat(second).isEqualTo(2);
  }

  @Test
  void writesToAMissingChunkThrow() {
    UUID missing = UUID.randomUUID();

    assertThatThrownBy(() -> chunks.recordTranscript(missing, "x", T1))
        .isInstanceOf(ChunkNotFoundException.class);
    assertThatThrownBy(() -> chunks.recordError(missing, "x", false, T1))
        .isInstanceOf(ChunkNotFoundException.class);
    assertThatThrownBy(() -> chunks.beginAttempt(missing))
        .isInstanceOf(ChunkNotFoundException.class);
    assertThat(chunks.find(missing)).isEmpty();
    assertThat(chunks.counts(missing)).isEqualTo(new ChunkCounts(0, 0, 0));
  }

  @Test
  void aSplitReplacesThePendingChunkByItsPartsInOrder() {
    Chunk original = chunks.addAudioChunk(conversation, AUDIO, T0, T1);
    Chunk later = chunks.addTextChunk(conversation, "later", T0.plusSeconds(600), T1);
    storage.conversations().markFinished(conversation, T2);
    ChunkAudio first = new ChunkAudio("audio/mpeg", new byte[] {1});
    ChunkAudio second = new ChunkAudio("audio/mpeg", new byte[] {2});

    List<Chunk> parts =
        chunks.split(
            original.id(),
            List.of(
                new AudioPart(Duration.ZERO, first),
                new AudioPart(Duration.ofSeconds(300), second)));

    assertThat(chunks.find(original.id())).isEmpty();
    assertThat(parts).extracting(Chunk::clientTimestamp).containsExactly(T0, T0.plusSeconds(300));
    assertThat(parts).extracting(Chunk::receivedAt).containsOnly(T1);
    assertThat(parts).extracting(Chunk::state).containsOnly(ChunkState.PENDING);
    assertThat(chunks.audio(parts.get(1).id()).orElseThrow().bytes()).containsExactly(2);
    assertThat(chunks.listByConversation(conversation))
        .extracting(Chunk::id)
        .containsExactly(parts.get(0).id(), parts.get(1).id(), later.id());
    assertThat(chunks.counts(conversation)).isEqualTo(new ChunkCounts(2, 1, 0));
  }

  @Test
  void aSplitThatFailsHalfWayLeavesTheOriginalAndNoPart() {
    Chunk original = chunks.addAudioChunk(conversation, AUDIO, T0, T1);
    ChunkAudio unstorable = new ChunkAudio("audio/mpeg\u0000", new byte[] {2});

    assertThatThrownBy(
            () ->
                chunks.split(
                    original.id(),
                    List.of(
                        new AudioPart(Duration.ZERO, AUDIO),
                        new AudioPart(Duration.ofSeconds(1), unstorable))))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("split chunk failed");

    assertThat(chunks.listByConversation(conversation)).containsExactly(original);
  }

  @Test
  void aRepeatedSplitFindsNoOriginal() {
    Chunk original = chunks.addAudioChunk(conversation, AUDIO, T0, T1);
    List<AudioPart> parts = List.of(new AudioPart(Duration.ZERO, AUDIO));
    chunks.split(original.id(), parts);

    assertThatThrownBy(() -> chunks.split(original.id(), parts))
        .isInstanceOf(ChunkNotFoundException.class);
    assertThat(chunks.counts(conversation).total()).isEqualTo(1);
  }

  @Test
  void onlyAPendingAudioChunkCanBeSplit() {
    Chunk text = chunks.addTextChunk(conversation, "typed", T0, T0);

    assertThatThrownBy(
            () -> chunks.split(text.id(), List.of(new AudioPart(Duration.ZERO, AUDIO))))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("only a pending audio chunk");
  }
}

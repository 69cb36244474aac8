package io.echojobs.echo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.echo.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationRepositoryTest {

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T0.plusSeconds(120);

  private static TestDatabase db;
  private static Storage storage;
  private static ConversationRepository conversations;

  private Project project;

  @BeforeAll
  static void openDatabase() {
    db = TestDatabase.create();
    storage = db.storage();
    conversations = storage.conversations();
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    db.close();
  }

  @BeforeEach
  void createProject() {
    project = storage.projects().create(new NewProject("p", "en", "", true), T0);
  }

  @Test
  void aNewConversationIsOpenWithAllFlagsDown() {
    Conversation created =
        conversations.create(
            new NewConversation(project.id(), "PORTAL", "Evening session", "Ann"), T0);

    Conversation found = conversations.find(created.id()).orElseThrow();

    assertThat(found).isEqualTo(created);
    assertThat(found.finished()).isFalse();
    assertThat(found.allChunksTranscribed()).isFalse();
    assertThat(found.summarized()).isFalse();
    assertThat(found.anonymized()).isTrue();
    assertThat(found.createdAt()).isEqualTo(T0);
    assertThat(found.title()).isEqualTo("Evening session");
    assertThat(found.participantName()).isEqualTo("Ann");
  }

  @Test
  void aConversationOfAnUnknownProjectIsRefused() {
    UUID unknown = UUID.randomUUID();

    assertThatThrownBy(() -> conversations.create(NewConversation.of(unknown, "PORTAL"), T0))
        .isInstanceOf(ProjectNotFoundException.class)
        .hasMessageContaining(unknown.toString());
  }

  @Test
  void markFinishedChangesTheFlagOnceAndKeepsTheFirstTime() {
    UUID id = newConversation();

    boolean first = conversations.markFinished(id, T1);
    boolean second = conversations.markFinished(id, T2);

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    Conversation found = conversations.find(id).orElseThrow();
    assertThat(found.finished()).isTrue();
    assertThat(found.finishedAt()).isEqualTo(T1);
  }

  @Test
  void markFinishedOnAMissingOrDeletedConversationThrows() {
    UUID deleted = newConversation();
    conversations.markDeleted(deleted, T1);

    assertThatThrownBy(() -> conversations.markFinished(UUID.randomUUID(), T1))
        .isInstanceOf(ConversationNotFoundException.class);
    assertThatThrownBy(() -> conversations.markFinished(deleted, T1))
        .isInstanceOf(ConversationNotFoundException.class);
  }

  @Test
  void theTranscribedFlagIsNotSetOnAnOpenConversation() {
    UUID id = newConversation();

    assertThat(conversations.markAllChunksTranscribed(id, T1)).isFalse();
    assertThat(conversations.find(id).orElseThrow().allChunksTranscribed()).isFalse();
  }

  @Test
  void theTranscribedFlagIsNotSetWhileAChunkIsPending() {
    UUID id = newConversation();
    storage.chunks().addAudioChunk(id, new ChunkAudio("audio/mpeg", new byte[] {1}), T0, T0);
    conversations.markFinished(id, T1);

    assertThat(conversations.markAllChunksTranscribed(id, T2)).isFalse();
  }

  @Test
  void theTranscribedFlagIsSetOnceOnAFinishedConversationWithNoPendingChunk() {
    UUID id = newConversation();
    Chunk audio =
        storage.chunks().addAudioChunk(id, new ChunkAudio("audio/mpeg", new byte[] {1}), T0, T0);
    conversations.markFinished(id, T1);
    storage.chunks().recordError(audio.id(), "no spoken audio", true, T1);

    boolean first = conversations.markAllChunksTranscribed(id, T2);
    boolean second = conversations.markAllChunksTranscribed(id, T2);

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(conversations.find(id).orElseThrow().allChunksTranscribed()).isTrue();
  }

  @Test
  void theFirstSummaryWinsAndLaterOnesAreNotStored() {
    UUID id = newConversation();

    boolean first = conversations.storeSummaryIfAbsent(id, "They agreed.", T1);
    boolean second = conversations.storeSummaryIfAbsent(id, "Something else.", T2);

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(conversations.find(id).orElseThrow().summary()).isEqualTo("They agreed.");
  }

  @Test
  void anEmptySummaryIsRejected() {
    UUID id = newConversation();

    assertThatThrownBy(() -> conversations.storeSummaryIfAbsent(id, " ", T1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("summary");
  }

  @Test
  void mergeResultsTitleAndTokenCountAreStored() {
    UUID id = newConversation();

    conversations.storeMergedTranscript(id, "hello\u0000 world", T1);
    conversations.storeDuration(id, Duration.ofMillis(90_500), T1);
    conversations.storeTitle(id, "Greetings", T1);
    boolean counted = conversations.storeTokenCountIfAbsent(id, 42, T2);
    boolean countedAgain = conversations.storeTokenCountIfAbsent(id, 43, T2);

    Conversation found = conversations.find(id).orElseThrow();
    assertThat(found.mergedTranscript()).isEqualTo("hello world");
    assertThat(found.durationSeconds()).isEqualTo(90.5);
    assertThat(found.title()).isEqualTo("Greetings");
    assertThat(found.tokenCount()).isEqualTo(42);
    assertThat(counted).isTrue();
    assertThat(countedAgain).isFalse();
    assertThat(found.updatedAt()).isEqualTo(T2);
  }

  @Test
  void markDeletedHidesTheConversationFromWritesAndIsIdempotent() {
    UUID id = newConversation();

    boolean first = conversations.markDeleted(id, T1);
    boolean second = conversations.markDeleted(id, T2);

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(conversations.find(id).orElseThrow().deletedAt()).isEqualTo(T1);
    assertThatThrownBy(() -> conversations.storeSummaryIfAbsent(id, "x", T2))
        .isInstanceOf(ConversationNotFoundException.class);
  }

  private UUID newConversation() {
    return conversations.create(NewConversation.of(project.id(), "PORTAL"), T0).id();
  }
}

package io.echojobs.echo.app;

import io.echojobs.echo.pipeline.ConversationPipeline;
import io.echojobs.echo.pipeline.PipelineContext;
import io.echojobs.echo.providers.transcription.ChunkContent;
import io.echojobs.echo.storage.Chunk;
import io.echojobs.echo.storage.ChunkAudio;
import io.echojobs.echo.storage.ChunkCounts;
import io.echojobs.echo.storage.Conversation;
import io.echojobs.echo.storage.ConversationNotFoundException;
import io.echojobs.echo.storage.NewConversation;
import io.echojobs.echo.storage.NewProject;
import io.echojobs.echo.storage.Project;
import java.time.Instant;
import java.util.UUID;

/**
 * What the HTTP API and the demo do to conversations, in one place: create, add chunks, finish,
 * read. A text chunk is corrected (key terms, PII redaction for anonymised conversations) before
 * it is stored, so typed personal data never reaches the database; an audio chunk is stored and
 * handed to the pipeline.
 */
public final class ConversationService {

  /** The largest typed-text chunk accepted, in characters. */
  public static final int MAX_TEXT_CHARS = 100_000;

  private final PipelineContext context;
  private final ConversationPipeline pipeline;

  public ConversationService(PipelineContext context, ConversationPipeline pipeline) {
    this.context = context;
    this.pipeline = pipeline;
  }

  public Project createProject(NewProject project) {
    return context.storage().projects().create(project, context.clock().instant());
  }

  /** @throws ProjectNotFoundException when the project does not exist */
  public Conversation createConversation(UUID projectId, String participantName) {
    return context.storage().conversations().create(
        new NewConversation(projectId, "API", null, participantName), context.clock().instant());
  }

  /**
   * Stores a typed chunk, corrected.
   *
   * @throws io.echojobs.echo.storage.ConversationFinishedException when finished (nothing stored)
   */
  public Chunk addTextChunk(UUID conversationId, String text, Instant clientTimestamp) {
    Conversation conversation = conversation(conversationId);
    Project project = context.projectOf(conversation);
    String corrected =
        context.providers().chunkTranscription().transcribe(
            new ChunkContent.Text(text),
            project.language(),
            context.providers().keyTerms(project.keyTerms()),
            conversation.anonymized());
    Chunk chunk = context.storage().chunks()
        .addTextChunk(conversationId, corrected, clientTimestamp, context.clock().instant());
    context.report(conversationId, chunk.id(), "chunk.added", "text");
    return chunk;
  }

  /** Stores an audio chunk and starts its processing. */
  public Chunk addAudioChunk(UUID conversationId, ChunkAudio audio, Instant clientTimestamp) {
    Chunk chunk = context.storage().chunks()
        .addAudioChunk(conversationId, audio, clientTimestamp, context.clock().instant());
    context.report(conversationId, chunk.id(), "chunk.added", "audio");
    pipeline.audioChunkAdded(conversationId, chunk.id());
    return chunk;
  }

  /**
   * Marks the conversation finished at once (later chunks are refused from now on) and sends the
   * finish step, which finalizes it when no chunk is pending.
   */
  public void finish(UUID conversationId) {
    conversation(conversationId);
    if (context.storage().conversations().markFinished(conversationId, context.clock().instant())) {
      context.report(conversationId, null, "conversation.finished", null);
    }
    pipeline.sendFinish(conversationId);
  }

  /** The conversation with its chunk counts. */
  public ConversationView view(UUID conversationId) {
    Conversation conversation = conversation(conversationId);
    ChunkCounts counts = context.storage().chunks().counts(conversationId);
    return new ConversationView(conversation, counts);
  }

  private Conversation conversation(UUID id) {
    return context.storage().conversations().find(id)
        .filter(c -> !c.deleted())
        .orElseThrow(() -> new ConversationNotFoundException(id));
  }

  /** A conversation as readers see it. */
  public record ConversationView(Conversation conversation, ChunkCounts chunks) {}
}

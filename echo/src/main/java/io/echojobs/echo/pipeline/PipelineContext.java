package io.echojobs.echo.pipeline;

import io.echojobs.echo.progress.ProgressEvent;
import io.echojobs.echo.progress.ProgressEvents;
import io.echojobs.echo.providers.Providers;
import io.echojobs.echo.storage.Conversation;
import io.echojobs.echo.storage.ConversationNotFoundException;
import io.echojobs.echo.storage.Project;
import io.echojobs.echo.storage.ProjectNotFoundException;
import io.echojobs.echo.storage.StatusEvent;
import io.echojobs.echo.storage.Storage;
import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.coord.Coordination;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pipeline's actors share: the runtime, the database, the coordination store, the
 * outside services, progress events and the clock. Every piece is thread-safe.
 */
public record PipelineContext(
    Jobs jobs,
    Storage storage,
    Coordination coordination,
    Providers providers,
    ProgressEvents progress,
    Clock clock) {

  private static final Logger log = LoggerFactory.getLogger(PipelineContext.class);

  /** The conversation, deleted or not; throws (never retried) when it does not exist. */
  public Conversation conversation(UUID id) {
    return storage.conversations().find(id)
        .orElseThrow(() -> new ConversationNotFoundException(id));
  }

  /** The conversation's project; throws (never retried) when it does not exist. */
  public Project projectOf(Conversation conversation) {
    return storage.projects().find(conversation.projectId())
        .orElseThrow(() -> new ProjectNotFoundException(conversation.projectId()));
  }

  /**
   * Records a step: a processing status row (kept) and a progress event (live). A failure to
   * record is logged, never thrown: the step itself already happened.
   */
  public void report(UUID conversationId, UUID chunkId, String stage, String message) {
    try {
      StatusEvent event = StatusEvent.of(conversationId, stage, message);
      StatusEvent row = chunkId == null ? event : event.withChunk(chunkId);
      storage.statuses().record(row, clock.instant());
    } catch (RuntimeException e) {
      log.warn("status row not recorded conversation_id={} stage={}", conversationId, stage, e);
    }
    progress.publish(new ProgressEvent(conversationId, stage, message, clock.instant()));
  }
}

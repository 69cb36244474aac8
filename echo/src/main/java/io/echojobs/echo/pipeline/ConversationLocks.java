package io.echojobs.echo.pipeline;

import io.echojobs.jobs.coord.Coordination.Lock;
import io.echojobs.jobs.message.MessageIds;
import io.echojobs.jobs.worker.CurrentMessage;
import java.time.Duration;
import java.util.UUID;

/**
 * Takes a conversation's step lock for the running message. The lock's owner is the message id,
 * so when a worker dies holding it, the redelivered message takes it over at once; another
 * message finding it held gets {@link LockBusyException} and is retried with backoff, instead of
 * reporting a success it did not have (the original's retries found their own lock and gave up).
 */
final class ConversationLocks {

  private ConversationLocks() {}

  static Lock acquire(PipelineContext context, UUID conversationId, String name, Duration ttl) {
    String owner = CurrentMessage.get().map(m -> m.id()).orElseGet(MessageIds::next);
    return context.coordination()
        .tryLock(CoordinationNames.scope(conversationId), name, owner, ttl)
        .orElseThrow(() -> new LockBusyException(conversationId, name));
  }

  /**
   * Releases the lock if the running message holds it: a message redelivered after its worker
   * died between finishing its work and releasing finds the work done and must not leave the
   * lock behind until it expires.
   */
  static void releaseIfHeld(PipelineContext context, UUID conversationId, String name) {
    CurrentMessage.get().ifPresent(message -> context.coordination().release(
        new Lock(CoordinationNames.scope(conversationId), name, message.id())));
  }

  /** Another message holds the lock; worth a retry once it is released or expired. */
  static final class LockBusyException extends RuntimeException {
    LockBusyException(UUID conversationId, String name) {
      super(name + " of conversation " + conversationId + " is held by another message;"
          + " retrying later");
    }
  }
}

package io.echojobs.echo.progress;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * Publishes progress events and lets followers subscribe to one conversation's events. Delivery
 * is live only (pub/sub): a follower that subscribes late reads what it missed from the stored
 * processing status rows. Thread-safe.
 */
public interface ProgressEvents extends AutoCloseable {

  void publish(ProgressEvent event);

  /** Calls {@code listener} for each later event of the conversation until the result is closed. */
  AutoCloseable subscribe(UUID conversationId, Consumer<ProgressEvent> listener);

  @Override
  void close();
}

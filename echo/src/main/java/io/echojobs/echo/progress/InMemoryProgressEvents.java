package io.echojobs.echo.progress;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress events within one JVM, for the embedded default. */
public final class InMemoryProgressEvents implements ProgressEvents {

  private static final Logger log = LoggerFactory.getLogger(InMemoryProgressEvents.class);

  private final Map<UUID, Set<Consumer<ProgressEvent>>> listeners = new ConcurrentHashMap<>();

  @Override
  public void publish(ProgressEvent event) {
    for (Consumer<ProgressEvent> listener :
        listeners.getOrDefault(event.conversationId(), Set.of())) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        log.warn("progress listener failed; it keeps receiving conversation_id={}",
            event.conversationId(), e);
      }
    }
  }

  @Override
  public AutoCloseable subscribe(UUID conversationId, Consumer<ProgressEvent> listener) {
    listeners.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).add(listener);
    return () -> listeners.computeIfPresent(conversationId, (id, set) -> {
      set.remove(listener);
      return set.isEmpty() ? null : set;
    });
  }

  @Override
  public void close() {
    listeners.clear();
  }
}

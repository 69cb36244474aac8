package io.echojobs.echo.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.echojobs.jobs.broker.redis.RedisEndpoints;
import io.echojobs.jobs.message.Json;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress events over Redis pub/sub, channel {@value #CHANNEL_PREFIX}{@code <conversation id>},
 * payload the event as JSON. One connection publishes, one subscribes for all local followers.
 * The connections reconnect by themselves (Lettuce re-subscribes the channels after a
 * reconnect); events published while disconnected are missed, which followers tolerate because
 * the stored status rows hold every step.
 */
public final class RedisProgressEvents implements ProgressEvents {

  public static final String CHANNEL_PREFIX = "echo:progress:";

  private static final Logger log = LoggerFactory.getLogger(RedisProgressEvents.class);

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> publisher;
  private final StatefulRedisPubSubConnection<String, String> subscriber;
  private final Map<UUID, Set<Consumer<ProgressEvent>>> listeners = new ConcurrentHashMap<>();

  public RedisProgressEvents(String redisUrl) {
    // Pub/sub messages reach every node of a cluster, so any one node serves.
    RedisURI node = RedisEndpoints.parse(redisUrl).nodes().getFirst();
    this.client = RedisClient.create(node);
    this.publisher = client.connect();
    this.subscriber = client.connectPubSub();
    subscriber.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String payload) {
            deliver(payload);
          }
        });
  }

  @Override
  public void publish(ProgressEvent event) {
    try {
      publisher
          .sync()
          .publish(CHANNEL_PREFIX + event.conversationId(),
              Json.mapper().writeValueAsString(event));
    } catch (JsonProcessingException | RuntimeException e) {
      // Progress is informational: its loss must not fail the job that made the progress.
      log.warn("progress event not published conversation_id={} stage={}",
          event.conversationId(), event.stage(), e);
    }
  }

  @Override
  public AutoCloseable subscribe(UUID conversationId, Consumer<ProgressEvent> listener) {
    Set<Consumer<ProgressEvent>> set =
        listeners.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet());
    if (set.isEmpty()) {
      subscriber.sync().subscribe(CHANNEL_PREFIX + conversationId);
    }
    set.add(listener);
    return () -> {
      Set<Consumer<ProgressEvent>> current = listeners.get(conversationId);
      if (current != null && current.remove(listener) && current.isEmpty()) {
        listeners.remove(conversationId);
        subscriber.sync().unsubscribe(CHANNEL_PREFIX + conversationId);
      }
    };
  }

  private void deliver(String payload) {
    try {
      ProgressEvent event = Json.mapper().readValue(payload, ProgressEvent.class);
      for (Consumer<ProgressEvent> listener :
          listeners.getOrDefault(event.conversationId(), Set.of())) {
        listener.accept(event);
      }
    } catch (JsonProcessingException | RuntimeException e) {
      log.warn("progress event could not be delivered; dropped", e);
    }
  }

  @Override
  public void close() {
    subscriber.close();
    publisher.close();
    client.shutdown();
  }
}

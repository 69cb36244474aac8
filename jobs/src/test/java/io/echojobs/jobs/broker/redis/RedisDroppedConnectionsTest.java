package io.echojobs.jobs.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.echojobs.jobs.Backend;
import io.echojobs.jobs.broker.Broker;
import io.echojobs.jobs.broker.Delivery;
import io.echojobs.jobs.broker.Envelope;
import io.echojobs.jobs.testing.RedisServerProcess;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The server drops the backend's connections, as a managed Valkey does with idle ones or an
 * operator with CLIENT KILL: the backend reconnects by itself and no message is lost.
 */
class RedisDroppedConnectionsTest {

  private static final String QUEUE = "dropped";
  private static final Duration LEASE = Duration.ofSeconds(30);

  @Test
  void connectionsClosedByTheServerAreReestablished() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start();
        Backend backend = RedisBackend.connect(redis.url())) {
      Broker broker = backend.broker();
      broker.enqueue(envelope("before"));
      broker.fetch(QUEUE, 1, LEASE, Duration.ofMillis(10)).forEach(broker::ack);

      killAllClients(redis);
      broker.enqueue(envelope("after"));

      assertThat(fetchOnceReconnected(broker)).containsExactly("after");
    }
  }

  @Test
  void idleConnectionsClosedByTheServerAreReestablished() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start("--timeout", "1");
        Backend backend = RedisBackend.connect(redis.url())) {
      Broker broker = backend.broker();
      broker.enqueue(envelope("before"));
      broker.fetch(QUEUE, 1, LEASE, Duration.ofMillis(10)).forEach(broker::ack);

      Thread.sleep(2_500); // stays idle past the server's 1 s timeout; not a synchronisation
      broker.enqueue(envelope("after"));

      assertThat(fetchOnceReconnected(broker)).containsExactly("after");
    }
  }

  /** A fetch racing the reconnect may fail once; the next one must succeed. */
  private static List<String> fetchOnceReconnected(Broker broker) {
    List<String> ids = new ArrayList<>();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(
            () -> {
              for (Delivery delivery : broker.fetch(QUEUE, 10, LEASE, Duration.ofMillis(200))) {
                ids.add(delivery.messageId());
                broker.ack(delivery);
              }
              return !ids.isEmpty();
            });
    return ids;
  }

  private static void killAllClients(RedisServerProcess redis) {
    RedisClient admin = RedisClient.create(redis.url());
    try (StatefulRedisConnection<String, String> connection = admin.connect()) {
      long killed = connection.sync().clientKill(KillArgs.Builder.typeNormal().skipme());
      assertThat(killed).isPositive();
    } finally {
      admin.shutdown();
    }
  }

  private static Envelope envelope(String id) {
    return new Envelope(id, QUEUE, 0, null, null, new byte[] {1});
  }
}

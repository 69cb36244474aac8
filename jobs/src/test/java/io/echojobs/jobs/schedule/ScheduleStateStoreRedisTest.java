package io.echojobs.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract against the Redis at {@code REDIS_URL} (default 127.0.0.1:6379). */
class ScheduleStateStoreRedisTest extends ScheduleStateStoreContract {

  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;

  private final String prefix = "ej:sched:test-" + UUID.randomUUID() + ":";
  private final RedisScheduleStateStore store = new RedisScheduleStateStore(connection, prefix);

  @BeforeAll
  static void connect() {
    client = RedisClient.create(redisUrl());
    connection = client.connect();
  }

  @AfterAll
  static void disconnect() {
    connection.close();
    client.shutdown();
  }

  static String redisUrl() {
    String url = System.getenv("REDIS_URL");
    return url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url;
  }

  /** Deletes every key under {@code prefix}; a test-only scan, never used by the runtime. */
  static void deleteKeys(StatefulRedisConnection<String, String> connection, String prefix) {
    ScanIterator<String> keys =
        ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + "*"));
    while (keys.hasNext()) {
      connection.sync().del(keys.next());
    }
  }

  @AfterEach
  void deleteKeys() {
    deleteKeys(connection, prefix);
  }

  @Override
  ScheduleStateStore store() {
    return store;
  }

  @Test
  void theStateLivesUnderThePrefix() {
    store.claim("s", new Claim(null, T0, null, 0, T0));

    assertThat(connection.sync().hget(prefix + "state:s", "cursor"))
        .isEqualTo(Long.toString(T0.toEpochMilli()));
  }

  @Test
  void aLeaseNotRenewedWithinItsTtlPassesToAnother() {
    store.acquireLease("a", Duration.ofMillis(200));

    await().atMost(Duration.ofSeconds(5)).until(() -> store.leaseHolder().isEmpty());

    assertThat(store.renewLease("a", TTL)).isFalse();
    assertThat(store.acquireLease("b", TTL)).isTrue();
  }
}

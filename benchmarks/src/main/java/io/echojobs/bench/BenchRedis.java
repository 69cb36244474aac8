package io.echojobs.bench;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.broker.redis.RedisBackend;
import io.echojobs.jobs.broker.redis.RedisSettings;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.UUID;

/**
 * The Redis the benchmarks run against ({@code REDIS_URL}, default {@value #DEFAULT_URL}) and their
 * keys: each run works under a key prefix of its own and deletes its keys at the end, so it can
 * share a server with tests and other runs.
 */
final class BenchRedis {

  static final String DEFAULT_URL = "redis://127.0.0.1:6379";

  private BenchRedis() {}

  static String url() {
    String url = System.getenv("REDIS_URL");
    return url == null || url.isBlank() ? DEFAULT_URL : url;
  }

  /** A key prefix no other run uses. */
  static String newPrefix(String benchmark) {
    return "bench-" + benchmark + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A runtime on the Redis backend under {@code prefix}. */
  static Jobs jobs(String prefix) {
    return Jobs.builder()
        .backend(RedisBackend.connect(RedisSettings.builder(url()).keyPrefix(prefix).build()))
        .build();
  }

  /** Deletes every key under {@code prefix} (SCAN, so the server never blocks long). */
  static void deleteKeys(String prefix) {
    RedisClient client = RedisClient.create(url());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> commands = connection.sync();
      ScanArgs match = ScanArgs.Builder.matches(prefix + ":*").limit(1000);
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = commands.scan(cursor, match);
        if (!page.getKeys().isEmpty()) {
          commands.unlink(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } finally {
      client.shutdown();
    }
  }
}

package io.echojobs.jobs.broker.redis;

import io.echojobs.jobs.Backend;
import io.echojobs.jobs.broker.BrokerContract;
import io.echojobs.jobs.testing.TestRedis;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;

/**
 * The shared broker contract against real Redis. Each backend gets a key prefix of its own: the
 * suite's queue names are only unique per minute (a UUIDv7's leading hex), and a message left in
 * flight by one test must not reach the next.
 */
class RedisBrokerContractTest extends BrokerContract {

  private static final List<String> PREFIXES = new CopyOnWriteArrayList<>();

  @Override
  protected Backend newBackend() {
    String prefix = TestRedis.newPrefix("contract");
    PREFIXES.add(prefix);
    return RedisBackend.connect(RedisSettings.builder(TestRedis.url()).keyPrefix(prefix).build());
  }

  @AfterAll
  static void deleteKeys() {
    PREFIXES.forEach(TestRedis::deleteKeys);
  }
}

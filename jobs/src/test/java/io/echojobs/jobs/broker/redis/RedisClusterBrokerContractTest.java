package io.echojobs.jobs.broker.redis;

import io.echojobs.jobs.Backend;
import io.echojobs.jobs.broker.BrokerContract;
import io.echojobs.jobs.testing.RedisClusterProcesses;
import io.echojobs.jobs.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared broker contract on a three-node Redis Cluster of this class's own, which proves that
 * every script keeps to one hash slot. Skipped when {@code redis-cli} is not installed.
 */
class RedisClusterBrokerContractTest extends BrokerContract {

  private static RedisClusterProcesses cluster;

  @BeforeAll
  static void startCluster() {
    Assumptions.assumeTrue(RedisClusterProcesses.available(), "redis-cli not on PATH");
    cluster = RedisClusterProcesses.start(3);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  protected Backend newBackend() {
    return RedisBackend.connect(
        RedisSettings.builder(cluster.url()).keyPrefix(TestRedis.newPrefix("cluster")).build());
  }
}

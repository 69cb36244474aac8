package io.echojobs.jobs.broker.redis;

import io.echojobs.jobs.coord.Coordination;
import io.echojobs.jobs.coord.CoordinationContract;
import io.echojobs.jobs.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;

/** The coordination contract on a real Redis; each test's scope is its own, so keys never mix. */
class RedisCoordinationTest extends CoordinationContract {

  private RedisConnections connections;

  @Override
  protected Coordination newCoordination() {
    connections = RedisConnections.open(RedisSettings.of(TestRedis.url()));
    return new RedisCoordination(connections);
  }

  @Override
  protected void evict(String key) {
    connections.commands().del(key);
  }

  @AfterEach
  void close() {
    coordination.clear(scope);
    connections.commands().del(io.echojobs.jobs.coord.CoordKeys.lock(scope, "finalize"),
        io.echojobs.jobs.coord.CoordKeys.lock(scope, "summarize"));
    connections.close();
  }
}

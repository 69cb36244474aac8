package io.echojobs.jobs.broker.redis;

import io.echojobs.jobs.Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link Backend} on one Redis or Valkey server or cluster: broker, results and group
 * ledgers share one client, which {@link Backend#close()} shuts down.
 */
public final class RedisBackend {

  private static final Logger log = LoggerFactory.getLogger(RedisBackend.class);

  private RedisBackend() {}

  /** Connects with default settings; see {@link RedisSettings} for the URL forms. */
  public static Backend connect(String url) {
    return connect(RedisSettings.of(url));
  }

  /**
   * Connects, checks the server (version, eviction policy) and loads the scripts.
   *
   * @throws io.lettuce.core.RedisConnectionException when no server answers
   */
  public static Backend connect(RedisSettings settings) {
    RedisConnections connections = RedisConnections.open(settings);
    try {
      ServerChecks.run(connections.commands());
      RedisBroker broker = new RedisBroker(connections, settings);
      log.info("Redis backend ready settings={}", settings);
      return new Backend(
          broker,
          new RedisResultStore(connections, settings),
          new RedisGroupStore(connections, settings),
          new RedisCoordination(connections),
          () -> {
            broker.close();
            connections.close();
          });
    } catch (RuntimeException e) {
      connections.close();
      throw e;
    }
  }
}

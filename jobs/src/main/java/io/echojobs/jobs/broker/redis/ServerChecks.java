package io.echojobs.jobs.broker.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks made once at start: which server answers, and whether it may evict keys. A server that
 * evicts under memory pressure can delete a queue's keys, and with them messages that enqueue
 * already confirmed; only {@code noeviction} makes it refuse writes instead.
 */
final class ServerChecks {

  static final String SAFE_EVICTION_POLICY = "noeviction";

  private static final Logger log = LoggerFactory.getLogger(ServerChecks.class);

  private ServerChecks() {}

  /** Logs the server version and warns when the eviction policy can lose messages. */
  static void run(RedisClusterCommands<String, byte[]> commands) {
    log.info("Redis server version={}", serverVersion(commands.info("server")));
    String policy;
    try {
      Map<String, String> config = commands.configGet("maxmemory-policy");
      policy = config.get("maxmemory-policy");
    } catch (RedisCommandExecutionException e) {
      // Managed services often refuse CONFIG; the policy is then theirs to tell.
      log.info(
          "could not check maxmemory-policy (CONFIG refused: {}); make sure it is {}",
          e.getMessage(),
          SAFE_EVICTION_POLICY);
      return;
    }
    if (policy == null) {
      log.info("server did not report maxmemory-policy; make sure it is {}", SAFE_EVICTION_POLICY);
    } else if (!SAFE_EVICTION_POLICY.equals(policy)) {
      log.warn(
          "Redis maxmemory-policy is {}: under memory pressure the server may evict queue keys"
              + " and lose messages that enqueue confirmed; set maxmemory-policy {}",
          policy,
          SAFE_EVICTION_POLICY);
    }
  }

  /** The version line of INFO server: valkey_version for Valkey, else redis_version. */
  static String serverVersion(String info) {
    String redis = "unknown";
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("valkey_version:")) {
        return "valkey " + line.substring("valkey_version:".length()).strip();
      }
      if (line.startsWith("redis_version:")) {
        redis = line.substring("redis_version:".length()).strip();
      }
    }
    return redis;
  }
}

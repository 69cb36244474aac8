package io.echojobs.jobs.broker.redis;

import static io.echojobs.jobs.broker.redis.RedisScripts.args;
import static io.echojobs.jobs.broker.redis.RedisScripts.bytes;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.echojobs.jobs.broker.WorkerHeartbeat;
import io.echojobs.jobs.message.Json;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker heartbeats in Redis: a hash of heartbeat JSON by worker id and a sorted set of their
 * expiry times, both under one hash tag so one script keeps them in step. Expired entries are
 * dropped by whoever writes or reads next; no KEYS or SCAN. Thread-safe.
 */
final class HeartbeatRegistry {

  static final String PUBLISH_SCRIPT = "heartbeat-publish";
  static final String LIST_SCRIPT = "heartbeats";

  private static final Logger log = LoggerFactory.getLogger(HeartbeatRegistry.class);

  private final RedisScripts scripts;
  private final String[] keys;

  HeartbeatRegistry(RedisScripts scripts, String prefix) {
    this.scripts = scripts;
    this.keys = new String[] {prefix + ":{workers}:expiries", prefix + ":{workers}:heartbeats"};
  }

  void publish(WorkerHeartbeat heartbeat, Duration ttl) {
    byte[] json;
    try {
      json = Json.mapper().writeValueAsBytes(heartbeat);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("heartbeat does not encode: " + e.getMessage(), e);
    }
    scripts.run(
        PUBLISH_SCRIPT,
        ScriptOutputType.INTEGER,
        keys,
        args(heartbeat.workerId(), json, Math.max(1, ttl.toMillis())));
  }

  List<WorkerHeartbeat> live() {
    List<Object> reply = scripts.run(LIST_SCRIPT, ScriptOutputType.MULTI, keys);
    List<WorkerHeartbeat> beats = new ArrayList<>(reply.size());
    for (Object raw : reply) {
      try {
        beats.add(Json.mapper().readValue(bytes(raw), WorkerHeartbeat.class));
      } catch (IOException e) {
        // One unreadable entry (another version's format) must not hide the other workers.
        log.warn("skipped a heartbeat that does not decode: {}", e.getMessage());
      }
    }
    return beats;
  }
}

package io.echojobs.jobs.broker.redis;

import static io.echojobs.jobs.broker.redis.RedisScripts.args;
import static io.echojobs.jobs.broker.redis.RedisScripts.list;
import static io.echojobs.jobs.broker.redis.RedisScripts.number;
import static io.echojobs.jobs.broker.redis.RedisScripts.text;

import io.echojobs.jobs.group.GroupProgress;
import io.echojobs.jobs.group.GroupStore;
import io.echojobs.jobs.group.MemberOutcome;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group ledgers in Redis: a hash of member outcomes, a claim key and a sent flag per group, all
 * under the group's hash tag. {@code group-record.lua} makes recording, the completeness check and
 * the completion claim one atomic step (see {@link GroupStore}). The keys expire {@code ttl} after
 * the group's last change. Thread-safe.
 */
public final class RedisGroupStore implements GroupStore {

  private static final String SCRIPT = "group-record";
  private static final String SENT_SCRIPT = "group-sent";
  private static final Logger log = LoggerFactory.getLogger(RedisGroupStore.class);

  private final RedisScripts scripts;
  private final String prefix;

  public RedisGroupStore(RedisConnections connections, RedisSettings settings) {
    this.scripts = new RedisScripts(Objects.requireNonNull(connections, "connections").commands());
    this.prefix = settings.keyPrefix();
    scripts.loadScript(SCRIPT);
    scripts.loadScript(SENT_SCRIPT);
  }

  @Override
  public GroupProgress record(
      String groupId, String memberId, MemberOutcome outcome, int size, Duration ttl) {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(outcome, "outcome");
    String base = base(groupId);
    List<Object> reply =
        list(
            scripts.run(
                SCRIPT,
                ScriptOutputType.MULTI,
                new String[] {base + "outcomes", base + "claim", base + "sent"},
                args(memberId, outcome.name(), size, Math.max(1, ttl.toMillis()))));
    boolean claimed = number(reply.get(0)) == 1;
    Map<String, MemberOutcome> outcomes = new HashMap<>();
    for (int at = 1; at + 1 < reply.size(); at += 2) {
      outcomes.put(text(reply.get(at)), MemberOutcome.valueOf(text(reply.get(at + 1))));
    }
    if (claimed) {
      log.debug("group completion claimed group_id={} message_id={}", groupId, memberId);
    }
    return new GroupProgress(Map.copyOf(outcomes), size, claimed);
  }

  @Override
  public void completionSent(String groupId) {
    String base = base(Objects.requireNonNull(groupId, "groupId"));
    scripts.run(
        SENT_SCRIPT,
        ScriptOutputType.INTEGER,
        new String[] {base + "outcomes", base + "sent"},
        args(DEFAULT_GROUP_TTL.toMillis()));
  }

  private String base(String groupId) {
    return prefix + ":{g:" + groupId + "}:";
  }
}

package io.echojobs.jobs.broker.redis;

import static io.echojobs.jobs.broker.redis.RedisScripts.args;

import io.echojobs.jobs.coord.CoordKeys;
import io.echojobs.jobs.coord.Coordination;
import io.echojobs.jobs.message.MessageIds;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link Coordination} on Redis. Each operation is one command (SET NX PX) or one Lua script;
 * every key of a scope carries the scope's hash tag, and counters, marks and flags are listed in
 * a per-scope registry set so that {@link #clear} needs no SCAN. Keys are listed in {@link
 * CoordKeys}. Thread-safe.
 */
public final class RedisCoordination implements Coordination {

  private static final String ADD = "coord-add";
  private static final String DECREMENT_ONCE = "coord-decrement-once";
  private static final String OWNED = "coord-owned";
  private static final String FLAG = "coord-flag";
  private static final String CLEAR = "coord-clear";
  private static final String LOCK = "coord-lock";

  private final RedisClusterCommands<String, byte[]> commands;
  private final RedisScripts scripts;

  public RedisCoordination(RedisConnections connections) {
    this.commands = Objects.requireNonNull(connections, "connections").commands();
    this.scripts = new RedisScripts(commands);
    for (String script : new String[] {ADD, DECREMENT_ONCE, OWNED, FLAG, CLEAR, LOCK}) {
      scripts.loadScript(script);
    }
  }

  @Override
  public long add(String scope, String counter, long delta, Duration ttl) {
    return scripts.run(
        ADD,
        ScriptOutputType.INTEGER,
        new String[] {CoordKeys.counter(scope, counter), registry(scope)},
        args(delta, millis(ttl)));
  }

  @Override
  public OptionalLong counter(String scope, String counter) {
    byte[] value = commands.get(CoordKeys.counter(scope, counter));
    return value == null
        ? OptionalLong.empty()
        : OptionalLong.of(Long.parseLong(new String(value, StandardCharsets.UTF_8)));
  }

  @Override
  public Decrement decrementOnce(
      String scope, String counter, String member, Duration memberTtl) {
    long reply =
        scripts.<Long>run(
            DECREMENT_ONCE,
            ScriptOutputType.INTEGER,
            new String[] {
              CoordKeys.counter(scope, counter),
              CoordKeys.member(scope, counter, member),
              registry(scope)
            },
            args(millis(memberTtl)));
    if (reply == -1) {
      return new Decrement.AlreadyCounted();
    }
    if (reply == -2) {
      return new Decrement.CounterMissing();
    }
    return new Decrement.Counted(reply);
  }

  @Override
  public Optional<Lock> tryLock(String scope, String name, Duration ttl) {
    String token = MessageIds.next();
    String reply =
        commands.set(
            CoordKeys.lock(scope, name),
            token.getBytes(StandardCharsets.UTF_8),
            SetArgs.Builder.nx().px(millis(ttl)));
    return "OK".equals(reply) ? Optional.of(new Lock(scope, name, token)) : Optional.empty();
  }

  @Override
  public Optional<Lock> tryLock(String scope, String name, String owner, Duration ttl) {
    long reply =
        scripts.<Long>run(
            LOCK,
            ScriptOutputType.INTEGER,
            new String[] {CoordKeys.lock(scope, name)},
            args(owner, millis(ttl)));
    return reply == 1 ? Optional.of(new Lock(scope, name, owner)) : Optional.empty();
  }

  @Override
  public boolean release(Lock lock) {
    return owned(lock, 0);
  }

  @Override
  public boolean extend(Lock lock, Duration ttl) {
    return owned(lock, millis(ttl));
  }

  @Override
  public boolean once(String scope, String flag, Duration ttl) {
    long reply =
        scripts.<Long>run(
            FLAG,
            ScriptOutputType.INTEGER,
            new String[] {CoordKeys.flag(scope, flag), registry(scope)},
            args(millis(ttl)));
    return reply == 1;
  }

  @Override
  public boolean isSet(String scope, String flag) {
    return commands.exists(CoordKeys.flag(scope, flag)) == 1;
  }

  @Override
  public long clear(String scope) {
    return scripts.<Long>run(CLEAR, ScriptOutputType.INTEGER, new String[] {registry(scope)});
  }

  private boolean owned(Lock lock, long ttlMillis) {
    long reply =
        scripts.<Long>run(
            OWNED,
            ScriptOutputType.INTEGER,
            new String[] {CoordKeys.lock(lock.scope(), lock.name())},
            args(lock.token(), ttlMillis));
    return reply == 1;
  }

  private static String registry(String scope) {
    return CoordKeys.scopePrefix(scope) + "keys";
  }

  private static long millis(Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    return Math.max(1, ttl.toMillis());
  }
}

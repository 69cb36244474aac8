package io.echojobs.jobs.coord;

import io.echojobs.jobs.message.MessageIds;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link Coordination} in this JVM's memory, for the embedded default. One monitor guards all
 * state, so every operation is atomic; expiry follows the injected clock.
 */
public final class InMemoryCoordination implements Coordination {

  private final Clock clock;
  private final Map<String, Value> values = new HashMap<>();

  public InMemoryCoordination(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized long add(String scope, String counter, long delta, Duration ttl) {
    String key = CoordKeys.counter(scope, counter);
    Value current = live(key);
    long next = (current == null ? 0 : current.number) + delta;
    values.put(key, new Value(next, null, expiry(ttl)));
    return next;
  }

  @Override
  public synchronized OptionalLong counter(String scope, String counter) {
    Value current = live(CoordKeys.counter(scope, counter));
    return current == null ? OptionalLong.empty() : OptionalLong.of(current.number);
  }

  @Override
  public synchronized Decrement decrementOnce(
      String scope, String counter, String member, Duration memberTtl) {
    String counterKey = CoordKeys.counter(scope, counter);
    String memberKey = CoordKeys.member(scope, counter, member);
    if (live(memberKey) != null) {
      return new Decrement.AlreadyCounted();
    }
    Value current = live(counterKey);
    if (current == null) {
      return new Decrement.CounterMissing();
    }
    values.put(memberKey, new Value(1, null, expiry(memberTtl)));
    long next = Math.max(0, current.number - 1);
    values.put(counterKey, new Value(next, null, current.expiresAtMillis));
    return new Decrement.Counted(next);
  }

  @Override
  public Optional<Lock> tryLock(String scope, String name, Duration ttl) {
    return tryLock(scope, name, MessageIds.next(), ttl);
  }

  @Override
  public synchronized Optional<Lock> tryLock(
      String scope, String name, String owner, Duration ttl) {
    String key = CoordKeys.lock(scope, name);
    Value current = live(key);
    if (current != null && !current.token.equals(owner)) {
      return Optional.empty();
    }
    values.put(key, new Value(0, owner, expiry(ttl)));
    return Optional.of(new Lock(scope, name, owner));
  }

  @Override
  public synchronized boolean release(Lock lock) {
    String key = CoordKeys.lock(lock.scope(), lock.name());
    Value current = live(key);
    if (current == null || !lock.token().equals(current.token)) {
      return false;
    }
    values.remove(key);
    return true;
  }

  @Override
  public synchronized boolean extend(Lock lock, Duration ttl) {
    String key = CoordKeys.lock(lock.scope(), lock.name());
    Value current = live(key);
    if (current == null || !lock.token().equals(current.token)) {
      return false;
    }
    values.put(key, new Value(0, current.token, expiry(ttl)));
    return true;
  }

  @Override
  public synchronized boolean once(String scope, String flag, Duration ttl) {
    String key = CoordKeys.flag(scope, flag);
    if (live(key) != null) {
      return false;
    }
    values.put(key, new Value(1, null, expiry(ttl)));
    return true;
  }

  @Override
  public synchronized boolean isSet(String scope, String flag) {
    return live(CoordKeys.flag(scope, flag)) != null;
  }

  @Override
  public synchronized long clear(String scope) {
    String prefix = CoordKeys.scopePrefix(scope);
    String lockPrefix = CoordKeys.lock(scope, "");
    long deleted = 0;
    Iterator<Map.Entry<String, Value>> entries = values.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<String, Value> entry = entries.next();
      if (entry.getKey().startsWith(prefix) && !entry.getKey().startsWith(lockPrefix)) {
        entries.remove();
        deleted++;
      }
    }
    return deleted;
  }

  /** Keys that still exist now, for tests that check nothing was left behind. */
  public synchronized long liveKeys(String scope) {
    String prefix = CoordKeys.scopePrefix(scope);
    return values.keySet().stream().filter(k -> k.startsWith(prefix) && live(k) != null).count();
  }

  /** Deletes one key, as an evicting store would; for tests of the eviction paths. */
  public synchronized void forget(String key) {
    values.remove(key);
  }

  private Value live(String key) {
    Value value = values.get(key);
    if (value != null && value.expiresAtMillis <= clock.millis()) {
      values.remove(key);
      return null;
    }
    return value;
  }

  private long expiry(Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    return clock.millis() + ttl.toMillis();
  }

  private record Value(long number, String token, long expiresAtMillis) {}
}

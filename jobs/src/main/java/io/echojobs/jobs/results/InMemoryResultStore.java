package io.echojobs.jobs.results;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Results in this JVM's memory, for the in-memory broker. Expired entries are dropped on read. */
public final class InMemoryResultStore implements ResultStore {

  private final Clock clock;
  private final Map<String, Expiring> results = new ConcurrentHashMap<>();
  private final ReentrantLock arrivals = new ReentrantLock();
  private final Condition arrived = arrivals.newCondition();

  public InMemoryResultStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void store(String messageId, StoredResult result, Duration ttl) {
    results.put(messageId, new Expiring(result, clock.millis() + ttl.toMillis()));
    if (results.size() % 1024 == 0) {
      dropExpired();
    }
    arrivals.lock();
    try {
      arrived.signalAll();
    } finally {
      arrivals.unlock();
    }
  }

  @Override
  public Optional<StoredResult> find(String messageId) {
    Expiring entry = results.get(messageId);
    if (entry == null || entry.expiresAtMillis() <= clock.millis()) {
      return Optional.empty();
    }
    return Optional.of(entry.result());
  }

  @Override
  public StoredResult await(String messageId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    arrivals.lockInterruptibly();
    try {
      while (true) {
        Optional<StoredResult> found = find(messageId);
        if (found.isPresent()) {
          return found.get();
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new ResultTimeoutException(messageId, timeout);
        }
        arrived.awaitNanos(remaining);
      }
    } finally {
      arrivals.unlock();
    }
  }

  private void dropExpired() {
    long now = clock.millis();
    results.values().removeIf(entry -> entry.expiresAtMillis() <= now);
  }

  private record Expiring(StoredResult result, long expiresAtMillis) {}
}

package io.echojobs.jobs.broker.memory;

import io.echojobs.jobs.broker.DeadLetter;
import io.echojobs.jobs.broker.Delivery;
import io.echojobs.jobs.broker.EnqueueReceipt;
import io.echojobs.jobs.broker.Envelope;
import io.echojobs.jobs.broker.QueueFigures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One queue of the {@link InMemoryBroker}. All state below is guarded by {@code lock}; any
 * thread may call in. Ready messages sit in one FIFO per priority (constant-time enqueue and
 * fetch); a message handed back or redelivered goes to the front of its FIFO, where it was. The
 * structures are cleaned lazily: an entry that left the state it was filed under (cancelled,
 * leased again, lease extended) stays until it reaches the front and is skipped.
 */
final class InMemoryQueue {

  private static final Comparator<Entry> BY_ETA =
      (a, b) -> a.etaMillis != b.etaMillis
          ? Long.compare(a.etaMillis, b.etaMillis)
          : Long.compare(a.seq, b.seq);
  private static final Comparator<LeaseEnd> BY_LEASE_END =
      (a, b) -> Long.compare(a.deadlineMillis(), b.deadlineMillis());

  private final String name;
  private final Clock clock;
  private final int maxRedeliveries;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  /** Ready messages: one FIFO per priority, lowest priority first. */
  private final TreeMap<Integer, ArrayDeque<Entry>> ready = new TreeMap<>();
  private final PriorityQueue<Entry> delayed = new PriorityQueue<>(BY_ETA);
  private final PriorityQueue<LeaseEnd> leaseEnds = new PriorityQueue<>(BY_LEASE_END);
  private final Map<String, Entry> pending = new HashMap<>();
  private final Map<String, Entry> held = new HashMap<>();
  private final Map<String, String> uniqueKeys = new HashMap<>();
  private final LinkedHashMap<String, DeadLetter> dead = new LinkedHashMap<>();
  private long readyCount;
  private long delayedCount;
  private long nextSeq;
  private long nextLeaseToken;

  InMemoryQueue(String name, Clock clock, int maxRedeliveries) {
    this.name = name;
    this.clock = clock;
    this.maxRedeliveries = maxRedeliveries;
  }

  EnqueueReceipt enqueue(Envelope envelope, long nowMillis) {
    lock.lock();
    try {
      String key = envelope.uniqueKey();
      if (key != null) {
        String holder = uniqueKeys.get(key);
        if (holder != null) {
          return new EnqueueReceipt(holder, false);
        }
        uniqueKeys.put(key, envelope.messageId());
      }
      Entry entry = new Entry(envelope, nextSeq++);
      pending.put(envelope.messageId(), entry);
      schedule(entry, envelope.eta(), nowMillis);
      changed.signalAll();
      return new EnqueueReceipt(envelope.messageId(), true);
    } finally {
      lock.unlock();
    }
  }

  List<Delivery> fetch(int max, long leaseMillis, long waitNanos) throws InterruptedException {
    long deadline = System.nanoTime() + waitNanos;
    lock.lockInterruptibly();
    try {
      while (true) {
        long now = clock.millis();
        maintain(now);
        if (readyCount > 0) {
          return lease(max, now + leaseMillis);
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return List.of();
        }
        changed.awaitNanos(Math.min(remaining, nanosUntilNextChange(now)));
      }
    } finally {
      lock.unlock();
    }
  }

  boolean extend(Delivery delivery, long newDeadlineMillis) {
    lock.lock();
    try {
      Entry entry = heldBy(delivery);
      if (entry == null) {
        return false;
      }
      entry.leaseDeadlineMillis = newDeadlineMillis;
      leaseEnds.add(new LeaseEnd(entry, entry.leaseToken, newDeadlineMillis));
      return true;
    } finally {
      lock.unlock();
    }
  }

  boolean ack(Delivery delivery) {
    lock.lock();
    try {
      Entry entry = heldBy(delivery);
      if (entry == null) {
        return false;
      }
      forget(entry);
      return true;
    } finally {
      lock.unlock();
    }
  }

  boolean retry(Delivery delivery, Envelope retry, long nowMillis) {
    lock.lock();
    try {
      Entry entry = heldBy(delivery);
      if (entry == null) {
        return false;
      }
      held.remove(entry.envelope.messageId());
      entry.state = State.GONE;
      Entry again = new Entry(retry, nextSeq++);
      pending.put(retry.messageId(), again);
      schedule(again, retry.eta(), nowMillis);
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  boolean deadLetter(Delivery delivery, byte[] body, String reason, Instant now) {
    lock.lock();
    try {
      Entry entry = heldBy(delivery);
      if (entry == null) {
        return false;
      }
      bury(entry, body, reason, now);
      return true;
    } finally {
      lock.unlock();
    }
  }

  boolean release(Delivery delivery, long nowMillis) {
    lock.lock();
    try {
      Entry entry = heldBy(delivery);
      if (entry == null) {
        return false;
      }
      held.remove(entry.envelope.messageId());
      pending.put(entry.envelope.messageId(), entry);
      makeReady(entry, nowMillis, true);
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  boolean cancel(String messageId) {
    lock.lock();
    try {
      Entry entry = pending.get(messageId);
      if (entry == null) {
        return false;
      }
      if (entry.state == State.READY) {
        readyCount--;
      } else {
        delayedCount--;
      }
      forget(entry);
      return true;
    } finally {
      lock.unlock();
    }
  }

  Optional<Envelope> find(String messageId) {
    lock.lock();
    try {
      Entry entry = pending.get(messageId);
      return entry == null ? Optional.empty() : Optional.of(entry.envelope);
    } finally {
      lock.unlock();
    }
  }

  List<DeadLetter> deadLetters(int limit, Instant retentionCutoff) {
    lock.lock();
    try {
      expireDeadLetters(retentionCutoff);
      List<DeadLetter> newestFirst = new ArrayList<>(dead.values());
      Collections.reverse(newestFirst);
      return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    } finally {
      lock.unlock();
    }
  }

  boolean replay(String messageId, byte[] body, long nowMillis) {
    lock.lock();
    try {
      DeadLetter letter = dead.remove(messageId);
      if (letter == null) {
        return false;
      }
      Envelope revived = letter.envelope().withBody(body, null);
      Entry entry = new Entry(revived, nextSeq++);
      pending.put(messageId, entry);
      if (revived.uniqueKey() != null) {
        uniqueKeys.putIfAbsent(revived.uniqueKey(), messageId);
      }
      makeReady(entry, nowMillis);
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  long purgeDeadLetters() {
    lock.lock();
    try {
      long count = dead.size();
      dead.clear();
      return count;
    } finally {
      lock.unlock();
    }
  }

  long purge() {
    lock.lock();
    try {
      long count = pending.size();
      for (Entry entry : List.copyOf(pending.values())) {
        forget(entry);
      }
      ready.clear();
      delayed.clear();
      readyCount = 0;
      delayedCount = 0;
      return count;
    } finally {
      lock.unlock();
    }
  }

  QueueFigures figures(long nowMillis, Instant retentionCutoff) {
    lock.lock();
    try {
      maintain(nowMillis);
      expireDeadLetters(retentionCutoff);
      long oldestReadyAt = nowMillis;
      for (ArrayDeque<Entry> fifo : ready.values()) {
        for (Entry entry : fifo) {
          if (entry.state == State.READY) {
            oldestReadyAt = Math.min(oldestReadyAt, entry.readySinceMillis);
          }
        }
      }
      return new QueueFigures(
          name,
          readyCount,
          delayedCount,
          held.size(),
          dead.size(),
          Duration.ofMillis(nowMillis - oldestReadyAt));
    } finally {
      lock.unlock();
    }
  }

  void wakeWaiters() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  // --- helpers, all called with the lock held ---

  private void schedule(Entry entry, Instant eta, long nowMillis) {
    if (eta != null && eta.toEpochMilli() > nowMillis) {
      entry.state = State.DELAYED;
      entry.etaMillis = eta.toEpochMilli();
      delayed.add(entry);
      delayedCount++;
    } else {
      makeReady(entry, nowMillis);
    }
  }

  private void makeReady(Entry entry, long nowMillis) {
    makeReady(entry, nowMillis, false);
  }

  /** @param inFront true for a message that was taken and comes back: it keeps its turn */
  private void makeReady(Entry entry, long nowMillis, boolean inFront) {
    entry.state = State.READY;
    entry.readySinceMillis = nowMillis;
    ArrayDeque<Entry> fifo =
        ready.computeIfAbsent(entry.envelope.priority(), priority -> new ArrayDeque<>());
    if (inFront) {
      fifo.addFirst(entry);
    } else {
      fifo.addLast(entry);
    }
    readyCount++;
  }

  /** Promotes due delayed messages and takes back expired leases. */
  private void maintain(long nowMillis) {
    Entry due;
    while ((due = delayed.peek()) != null && due.etaMillis <= nowMillis) {
      delayed.poll();
      if (due.state == State.DELAYED) {
        delayedCount--;
        makeReady(due, nowMillis);
      }
    }
    LeaseEnd end;
    while ((end = leaseEnds.peek()) != null && end.deadlineMillis() <= nowMillis) {
      leaseEnds.poll();
      if (end.isCurrent()) {
        reclaim(end.entry(), nowMillis);
      }
    }
  }

  private void reclaim(Entry entry, long nowMillis) {
    held.remove(entry.envelope.messageId());
    entry.redeliveries++;
    if (entry.redeliveries > maxRedeliveries) {
      String reason =
          "poison: lease expired "
              + entry.redeliveries
              + " times (the worker holding it died or hung each time)";
      bury(entry, entry.envelope.body(), reason, Instant.ofEpochMilli(nowMillis));
      return;
    }
    pending.put(entry.envelope.messageId(), entry);
    makeReady(entry, nowMillis, true);
  }

  private List<Delivery> lease(int max, long deadlineMillis) {
    List<Delivery> deliveries = new ArrayList<>(Math.min(max, (int) readyCount));
    Entry entry;
    while (deliveries.size() < max && (entry = pollReady()) != null) {
      readyCount--;
      pending.remove(entry.envelope.messageId());
      entry.state = State.HELD;
      entry.leaseToken = Long.toString(nextLeaseToken++);
      entry.leaseDeadlineMillis = deadlineMillis;
      held.put(entry.envelope.messageId(), entry);
      leaseEnds.add(new LeaseEnd(entry, entry.leaseToken, deadlineMillis));
      deliveries.add(
          new Delivery(
              entry.envelope,
              entry.leaseToken,
              entry.redeliveries,
              Instant.ofEpochMilli(deadlineMillis)));
    }
    return deliveries;
  }

  /** The first live ready entry in priority order, removed; null when none. */
  private Entry pollReady() {
    while (!ready.isEmpty()) {
      Map.Entry<Integer, ArrayDeque<Entry>> lowest = ready.firstEntry();
      ArrayDeque<Entry> fifo = lowest.getValue();
      Entry entry;
      while ((entry = fifo.pollFirst()) != null) {
        if (entry.state == State.READY) {
          if (fifo.isEmpty()) {
            ready.remove(lowest.getKey());
          }
          return entry;
        }
      }
      ready.remove(lowest.getKey());
    }
    return null;
  }

  private Entry heldBy(Delivery delivery) {
    Entry entry = held.get(delivery.messageId());
    if (entry == null || !entry.leaseToken.equals(delivery.leaseToken())) {
      return null;
    }
    return entry;
  }

  private void bury(Entry entry, byte[] body, String reason, Instant now) {
    forget(entry);
    dead.remove(entry.envelope.messageId());
    dead.put(
        entry.envelope.messageId(),
        new DeadLetter(entry.envelope.withBody(body, null), reason, now));
  }

  /** Removes every trace of a live entry; the heaps drop it lazily. */
  private void forget(Entry entry) {
    String id = entry.envelope.messageId();
    held.remove(id);
    pending.remove(id);
    entry.state = State.GONE;
    String key = entry.envelope.uniqueKey();
    if (key != null && id.equals(uniqueKeys.get(key))) {
      uniqueKeys.remove(key);
    }
  }

  private void expireDeadLetters(Instant cutoff) {
    Iterator<DeadLetter> oldestFirst = dead.values().iterator();
    while (oldestFirst.hasNext()) {
      if (!oldestFirst.next().diedAt().isBefore(cutoff)) {
        return;
      }
      oldestFirst.remove();
    }
  }

  private long nanosUntilNextChange(long nowMillis) {
    long next = Long.MAX_VALUE;
    Entry firstDelayed = delayed.peek();
    if (firstDelayed != null) {
      next = Math.min(next, firstDelayed.etaMillis);
    }
    LeaseEnd firstLeaseEnd = leaseEnds.peek();
    if (firstLeaseEnd != null) {
      next = Math.min(next, firstLeaseEnd.deadlineMillis());
    }
    if (next == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    return TimeUnit.MILLISECONDS.toNanos(Math.max(1, next - nowMillis));
  }

  private enum State {
    READY,
    DELAYED,
    HELD,
    GONE
  }

  /** One message's mutable state in this queue; touched only under the queue's lock. */
  private static final class Entry {
    final Envelope envelope;
    final long seq;
    State state;
    long etaMillis;
    long readySinceMillis;
    int redeliveries;
    String leaseToken;
    long leaseDeadlineMillis;

    Entry(Envelope envelope, long seq) {
      this.envelope = envelope;
      this.seq = seq;
    }
  }

  private record LeaseEnd(Entry entry, String token, long deadlineMillis) {
    boolean isCurrent() {
      return entry.state == State.HELD
          && token.equals(entry.leaseToken)
          && deadlineMillis == entry.leaseDeadlineMillis;
    }
  }
}

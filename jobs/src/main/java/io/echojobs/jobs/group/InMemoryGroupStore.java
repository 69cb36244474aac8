package io.echojobs.jobs.group;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Group ledgers in this JVM's memory, for the in-memory broker. */
public final class InMemoryGroupStore implements GroupStore {

  private final Clock clock;
  private final Map<String, Ledger> ledgers = new ConcurrentHashMap<>();

  public InMemoryGroupStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public GroupProgress record(
      String groupId, String memberId, MemberOutcome outcome, int size, Duration ttl) {
    long now = clock.millis();
    ledgers.values().removeIf(ledger -> ledger.expiresAtMillis <= now);
    Ledger ledger = ledgers.computeIfAbsent(groupId, id -> new Ledger());
    synchronized (ledger) {
      ledger.expiresAtMillis = now + ttl.toMillis();
      ledger.outcomes.putIfAbsent(memberId, outcome);
      boolean complete = ledger.outcomes.size() >= size;
      if (complete && ledger.claimedBy == null) {
        ledger.claimedBy = memberId;
      }
      boolean claimed = complete && !ledger.completionSent && memberId.equals(ledger.claimedBy);
      return new GroupProgress(Map.copyOf(ledger.outcomes), size, claimed);
    }
  }

  @Override
  public void completionSent(String groupId) {
    Ledger ledger = ledgers.get(groupId);
    if (ledger != null) {
      synchronized (ledger) {
        ledger.completionSent = true;
      }
    }
  }

  /** One group's ledger; guarded by its own monitor. */
  private static final class Ledger {
    final Map<String, MemberOutcome> outcomes = new LinkedHashMap<>();
    String claimedBy;
    boolean completionSent;
    long expiresAtMillis;
  }
}

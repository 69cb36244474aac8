package io.echojobs.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.broker.BrokerUnavailableException;
import io.echojobs.jobs.message.Message;
import io.echojobs.jobs.middleware.Middleware;
import io.echojobs.jobs.schedule.ScheduleFixtures.Sent;
import io.echojobs.jobs.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Restarts, crashes between claim and send, and two schedulers that both believe they lead. The
 * shared in-memory store stands for Redis: it outlives the schedulers that use it.
 */
class SchedulerRestartTest {

  private static final Instant NINE = Instant.parse("2026-03-10T09:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(10);

  private final SettableClock clock = new SettableClock(NINE.minusSeconds(30));
  private final AtomicBoolean sendFails = new AtomicBoolean();
  private final Jobs jobs = Jobs.builder().clock(clock).middleware(new FailingSend()).build();
  private final InMemoryScheduleStateStore store = new InMemoryScheduleStateStore(clock);
  private final List<Sent> sent = new ArrayList<>();

  @AfterEach
  void closeJobs() {
    jobs.close();
  }

  @Test
  void aSchedulerRestartedWithinGraceFiresWhatItMissedAndNothingTwice() {
    ScheduleFixtures.declareActors(jobs, "task");
    Scheduler first = scheduler();
    runUntil(first, NINE.plus(Duration.ofMinutes(30)));
    first.close();

    clock.set(NINE.plus(Duration.ofMinutes(32)).plusSeconds(45));
    Scheduler second = scheduler();
    runUntil(second, NINE.plus(Duration.ofMinutes(60)));
    second.close();

    assertThat(ScheduleFixtures.ticksBySchedule(sent).get("every-2"))
        .isEqualTo(
            ScheduleFixtures.multiples(
                Duration.ofMinutes(2), NINE.minusSeconds(30), NINE.plus(Duration.ofMinutes(60))));
    assertThat(second.list().getFirst().misfires()).isZero();
  }

  @Test
  void aSchedulerRestartedAfterTheGraceSkipsTheTickAndCountsIt() {
    ScheduleFixtures.declareActors(jobs, "task");
    Scheduler first = scheduler();
    runUntil(first, NINE.plus(Duration.ofMinutes(1)));
    first.close();

    clock.set(NINE.plus(Duration.ofMinutes(2)).plusSeconds(61));
    Scheduler second = scheduler();
    second.tick();
    sent.addAll(ScheduleFixtures.drain(jobs));

    assertThat(sent).extracting(Sent::tick).containsExactly(NINE);
    assertThat(second.list().getFirst().misfires()).isEqualTo(1);
  }

  @Test
  void aCrashBetweenClaimAndSendIsRepairedBySendingTheClaimedTickOnce() {
    ScheduleFixtures.declareActors(jobs, "task");
    Scheduler crashing = scheduler();
    crashing.tick();
    clock.set(NINE.plusSeconds(5));
    sendFails.set(true);

    assertThatThrownBy(crashing::tick).isInstanceOf(BrokerUnavailableException.class);
    assertThat(store.state("every-2").pendingTick()).isEqualTo(NINE);

    // The crashed scheduler's lease lapses; the next one waits for the repair delay, then sends.
    clock.set(NINE.plusSeconds(11));
    Scheduler next = scheduler();
    next.tick();
    assertThat(ScheduleFixtures.drain(jobs)).isEmpty();
    clock.set(NINE.plusSeconds(15));
    next.tick();
    next.tick();

    assertThat(ScheduleFixtures.drain(jobs)).extracting(Sent::tick).containsExactly(NINE);
    assertThat(store.state("every-2").pendingTick()).isNull();
  }

  @Test
  void aRepairWhileTheFirstMessageIsStillQueuedStoresNoSecondOne() {
    ScheduleFixtures.declareActors(jobs, "task");
    Scheduler scheduler = scheduler();
    scheduler.tick();
    clock.set(NINE.plusSeconds(5));
    scheduler.tick();
    // As if the sender died after the broker stored the message but before it confirmed.
    store.claim("every-2", new Claim(NINE, NINE.plusSeconds(1), NINE, 0, clock.instant()));

    clock.set(NINE.plusSeconds(20));
    scheduler.tick();

    assertThat(jobs.broker().figures(ScheduleFixtures.QUEUE).ready()).isEqualTo(1);
    assertThat(store.state("every-2").pendingTick()).isNull();
  }

  @Test
  void twoSchedulersThatBothBelieveTheyLeadSendEveryTickOnce() {
    ScheduleFixtures.declareActors(jobs, "task");
    ScheduleStateStore noLease = new EveryoneLeads(store);
    Scheduler one = Scheduler.builder(jobs).store(noLease).schedule(everyTwoMinutes()).build();
    Scheduler two = Scheduler.builder(jobs).store(noLease).schedule(everyTwoMinutes()).build();

    Instant end = NINE.plus(Duration.ofMinutes(30));
    while (!clock.instant().isAfter(end)) {
      assertThat(one.tick()).isTrue();
      assertThat(two.tick()).isTrue();
      sent.addAll(ScheduleFixtures.drain(jobs));
      clock.advance(STEP);
    }

    assertThat(ScheduleFixtures.ticksBySchedule(sent).get("every-2"))
        .isEqualTo(ScheduleFixtures.multiples(Duration.ofMinutes(2), NINE.minusSeconds(30), end));
  }

  private Scheduler scheduler() {
    return Scheduler.builder(jobs).store(store).schedule(everyTwoMinutes()).build();
  }

  private static Schedule everyTwoMinutes() {
    return Schedule.builder("every-2").cron("*/2 * * * *").actor("task").build();
  }

  /** Passes every {@link #STEP} from now, the last one exactly at {@code end}. */
  private void runUntil(Scheduler scheduler, Instant end) {
    while (clock.instant().isBefore(end)) {
      scheduler.tick();
      sent.addAll(ScheduleFixtures.drain(jobs));
      clock.advance(STEP);
    }
    clock.set(end);
    scheduler.tick();
    sent.addAll(ScheduleFixtures.drain(jobs));
  }

  /** Fails every send while armed, as a broker outage or a crash inside send would. */
  private final class FailingSend implements Middleware {
    @Override
    public Message beforeEnqueue(Message message) {
      if (sendFails.getAndSet(false)) {
        throw new BrokerUnavailableException("broker down in test", null);
      }
      return message;
    }
  }

  /** A store whose lease every scheduler always holds: split brain, on purpose. */
  private record EveryoneLeads(ScheduleStateStore state) implements ScheduleStateStore {
    @Override
    public ScheduleState state(String scheduleId) {
      return state.state(scheduleId);
    }

    @Override
    public boolean claim(String scheduleId, Claim claim) {
      return state.claim(scheduleId, claim);
    }

    @Override
    public void confirm(String scheduleId, Instant tick) {
      state.confirm(scheduleId, tick);
    }

    @Override
    public void pause(String scheduleId) {
      state.pause(scheduleId);
    }

    @Override
    public void resume(String scheduleId, Instant now) {
      state.resume(scheduleId, now);
    }

    @Override
    public boolean acquireLease(String owner, Duration ttl) {
      return true;
    }

    @Override
    public boolean renewLease(String owner, Duration ttl) {
      return true;
    }

    @Override
    public void releaseLease(String owner) {}

    @Override
    public Optional<String> leaseHolder() {
      return Optional.empty();
    }
  }
}

package io.echojobs.jobs.schedule;

import static io.echojobs.jobs.schedule.ScheduleFixtures.multiples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.broker.BrokerUnavailableException;
import io.echojobs.jobs.message.Message;
import io.echojobs.jobs.middleware.Middleware;
import io.echojobs.jobs.schedule.ScheduleFixtures.Sent;
import io.echojobs.jobs.testing.SettableClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three schedulers sharing one real Redis for an hour of settable-clock time. The active one is
 * stopped twice: once cleanly (it gives the lease up), once by a crash in the middle of sending a
 * claimed tick (its lease runs out on the Redis server's clock). Every tick of every schedule must
 * be sent exactly once.
 */
class SchedulerRedisFailoverTest {

  private static final Instant START = Instant.parse("2026-03-10T09:59:30Z");
  private static final Instant END = Instant.parse("2026-03-10T11:00:00Z");
  private static final Instant CLEAN_STOP = Instant.parse("2026-03-10T10:20:00Z");
  private static final Instant CRASH = Instant.parse("2026-03-10T10:40:00Z");
  private static final Duration STEP = Duration.ofSeconds(5);
  // Real time on the Redis server: how long a crashed leader keeps the lease.
  private static final Duration LEASE_TTL = Duration.ofSeconds(2);
  private static final Map<String, String> CRONS =
      Map.of(
          "every-minute", "* * * * *",
          "every-2", "*/2 * * * *",
          "every-3", "*/3 * * * *",
          "every-5", "*/5 * * * *",
          "every-15", "*/15 * * * *",
          "hourly", "0 * * * *");

  private final String prefix = "ej:sched:test-" + UUID.randomUUID() + ":";
  private final SettableClock clock = new SettableClock(START);
  private final AtomicBoolean sendFails = new AtomicBoolean();
  private final Jobs jobs = Jobs.builder().clock(clock).middleware(new FailingSend()).build();
  private final List<RedisScheduleStateStore> stores = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    stores.forEach(RedisScheduleStateStore::close);
    RedisClient client = RedisClient.create(ScheduleStateStoreRedisTest.redisUrl());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      ScheduleStateStoreRedisTest.deleteKeys(connection, prefix);
    } finally {
      client.shutdown();
    }
    jobs.close();
  }

  @Test
  void everyTickOfEveryScheduleIsSentOnceWhileTheActiveSchedulerIsStoppedTwice() {
    ScheduleFixtures.declareActors(jobs, "task");
    List<Scheduler> running = new ArrayList<>(List.of(scheduler(), scheduler(), scheduler()));
    List<Sent> sent = new ArrayList<>();
    Set<String> leaders = new LinkedHashSet<>();

    while (!clock.instant().isAfter(END)) {
      if (clock.instant().equals(CRASH)) {
        Scheduler crashed = active(running);
        sendFails.set(true);
        assertThatThrownBy(crashed::tick).isInstanceOf(BrokerUnavailableException.class);
        running.remove(crashed);
        await()
            .atMost(LEASE_TTL.multipliedBy(5))
            .until(() -> running.stream().map(Scheduler::tick).toList().contains(true));
      } else {
        running.forEach(Scheduler::tick);
      }
      leaders.add(active(running).owner());
      sent.addAll(ScheduleFixtures.drain(jobs));
      if (clock.instant().equals(CLEAN_STOP)) {
        Scheduler stopped = active(running);
        stopped.close();
        running.remove(stopped);
      }
      clock.advance(STEP);
    }

    Map<String, List<Instant>> ticks = ScheduleFixtures.ticksBySchedule(sent);
    assertThat(ticks.get("every-minute")).isEqualTo(multiples(Duration.ofMinutes(1), START, END));
    assertThat(ticks.get("every-2")).isEqualTo(multiples(Duration.ofMinutes(2), START, END));
    assertThat(ticks.get("every-3")).isEqualTo(multiples(Duration.ofMinutes(3), START, END));
    assertThat(ticks.get("every-5")).isEqualTo(multiples(Duration.ofMinutes(5), START, END));
    assertThat(ticks.get("every-15")).isEqualTo(multiples(Duration.ofMinutes(15), START, END));
    assertThat(ticks.get("hourly")).isEqualTo(multiples(Duration.ofHours(1), START, END));
    assertThat(leaders).hasSize(3);
    assertThat(running.getFirst().list())
        .allSatisfy(status -> assertThat(status.misfires()).isZero());
  }

  private Scheduler scheduler() {
    RedisScheduleStateStore store =
        RedisScheduleStateStore.open(ScheduleStateStoreRedisTest.redisUrl(), prefix);
    stores.add(store);
    Scheduler.Builder builder =
        Scheduler.builder(jobs)
            .store(store)
            .leaseTtl(LEASE_TTL)
            .passInterval(Duration.ofMillis(500));
    CRONS.keySet().stream()
        .sorted()
        .forEach(
            id -> builder.schedule(Schedule.builder(id).cron(CRONS.get(id)).actor("task").build()));
    return builder.build();
  }

  private static Scheduler active(List<Scheduler> schedulers) {
    return schedulers.stream().filter(Scheduler::isActive).findFirst().orElseThrow();
  }

  /** Fails the next send when armed: the active scheduler dies between claim and send. */
  private final class FailingSend implements Middleware {
    @Override
    public Message beforeEnqueue(Message message) {
      if (sendFails.getAndSet(false)) {
        throw new BrokerUnavailableException("scheduler crashed while sending", null);
      }
      return message;
    }
  }
}

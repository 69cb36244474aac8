package io.echojobs.jobs.schedule;

import io.echojobs.jobs.Jobs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cron table of a process: on each due tick of a schedule it sends one message, and does no
 * other work. Any number of schedulers may share one {@link ScheduleStateStore}; a lease in it lets
 * one fire at a time, and a compare-and-set on each schedule's cursor guarantees that even two
 * schedulers that both believe they lead send every tick once.
 *
 * <p>{@link #tick()} runs one pass on the caller's thread, so tests drive a scheduler with a
 * settable clock and no waiting; {@link #start()} runs passes on a platform thread named {@code
 * echo-jobs-scheduler} about once a second until {@link #close()}. All time comes from the injected
 * clock, except the lease TTL of the Redis store, which runs on the Redis server.
 *
 * <p>Built by {@link #builder(Jobs)}, which validates the whole table at once and fails with {@link
 * InvalidScheduleException} naming each bad schedule and the reason.
 */
public final class Scheduler implements AutoCloseable {

  /** A leader that stops renewing is replaced after this long. */
  public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(5);

  /** Time between two passes of the background thread. */
  public static final Duration DEFAULT_PASS_INTERVAL = Duration.ofSeconds(1);

  /** A tick left pending this long is assumed lost with its scheduler and sent again. */
  public static final Duration DEFAULT_PENDING_REPAIR_AFTER = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final List<Schedule> table;
  private final Map<String, Schedule> schedules;
  private final ScheduleStateStore store;
  private final Clock clock;
  private final Duration passInterval;
  private final LeaderLease lease;
  private final ScheduleEvaluation evaluation;
  private final TickSender sender;
  private final String owner;

  // Serialises passes: the background thread and a caller of tick() never run one together.
  private final ReentrantLock passLock = new ReentrantLock();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Thread thread;
  private boolean failing; // touched only by the background thread

  private Scheduler(Builder builder, List<Schedule> table) {
    Map<String, Schedule> byId = new HashMap<>();
    table.forEach(schedule -> byId.put(schedule.id(), schedule));
    this.table = List.copyOf(table);
    this.schedules = Map.copyOf(byId);
    this.store = builder.store;
    this.clock = builder.clock;
    this.passInterval = builder.passInterval;
    this.owner = builder.owner;
    this.lease = new LeaderLease(store, owner, builder.leaseTtl);
    this.sender = new TickSender(builder.jobs);
    this.evaluation = new ScheduleEvaluation(store, sender, builder.pendingRepairAfter);
  }

  public static Builder builder(Jobs jobs) {
    return new Builder(jobs);
  }

  /**
   * Runs one pass now on this thread: renews or takes the lease, and if held, sends what every
   * enabled schedule has due. Returns whether this scheduler held the lease.
   *
   * @throws RuntimeException when the store or the broker failed, after every schedule had its
   *     turn; what was claimed but not sent stays pending and is sent on a later pass
   */
  public boolean tick() {
    passLock.lock();
    try {
      if (!lease.hold()) {
        return false;
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      RuntimeException failure = null;
      for (Schedule schedule : table) {
        try {
          evaluate(schedule, now);
        } catch (RuntimeException e) {
          // One schedule's failed send must not hold back the others; the pass still fails.
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      return true;
    } finally {
      passLock.unlock();
    }
  }

  private void evaluate(Schedule schedule, Instant now) {
    if (schedule.enabled()) {
      evaluation.evaluate(schedule, now);
    } else {
      evaluation.passOver(schedule, now);
    }
  }

  /** Starts passes on a background thread; a scheduler starts once. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("scheduler already started owner=" + owner);
    }
    log.info(
        "Scheduler starting owner={} schedules={} passInterval={}",
        owner,
        schedules.size(),
        passInterval);
    for (Schedule schedule : table) {
      log.info(
          "Schedule declared schedule={} trigger={} actor={} enabled={} grace={} coalesce={}",
          schedule.id(),
          schedule.trigger(),
          schedule.actor(),
          schedule.enabled(),
          schedule.misfireGrace(),
          schedule.coalesce());
    }
    thread = Thread.ofPlatform().name("echo-jobs-scheduler").daemon(true).start(this::loop);
  }

  /** Pauses a schedule in the shared store: no scheduler fires it until it is resumed. */
  public void pause(String scheduleId) {
    store.pause(known(scheduleId).id());
    log.info("Schedule paused schedule={}", scheduleId);
  }

  /** Resumes a schedule; ticks passed while paused are neither fired nor counted as misfires. */
  public void resume(String scheduleId) {
    store.resume(known(scheduleId).id(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    log.info("Schedule resumed schedule={}", scheduleId);
  }

  /**
   * Sends the schedule's message now, from this process, whether or not it leads and whether or not
   * the schedule is paused. Returns the id of the message pending for the request.
   */
  public String runNow(String scheduleId) {
    Schedule schedule = known(scheduleId);
    String messageId = sender.sendNow(schedule, clock.instant());
    log.info("Schedule run now schedule={} message={}", scheduleId, messageId);
    return messageId;
  }

  /** Every schedule of the table, in declaration order, with its state in the store. */
  public List<ScheduleStatus> list() {
    Instant now = clock.instant();
    List<ScheduleStatus> statuses = new ArrayList<>();
    for (Schedule schedule : table) {
      ScheduleState state = store.state(schedule.id());
      boolean fromCursor = state.cursor() != null && !state.paused();
      Instant base = fromCursor ? state.cursor() : now;
      Instant next = schedule.enabled() ? schedule.trigger().nextAfter(base).orElse(null) : null;
      statuses.add(
          new ScheduleStatus(
              schedule.id(),
              schedule.actor(),
              schedule.trigger(),
              schedule.enabled(),
              state.paused(),
              next,
              state.lastFire(),
              state.misfires()));
    }
    return statuses;
  }

  /** Whether this scheduler held the lease at its last pass. */
  public boolean isActive() {
    return lease.held();
  }

  public String owner() {
    return owner;
  }

  /** Stops the background thread, if started, and gives the lease up so another takes over. */
  @Override
  public void close() {
    stopped.countDown();
    Thread running = thread;
    if (running != null) {
      try {
        running.join(STOP_TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    passLock.lock();
    try {
      lease.release();
    } finally {
      passLock.unlock();
    }
    log.info("Scheduler stopped owner={}", owner);
  }

  private void loop() {
    do {
      try {
        tick();
        recovered();
      } catch (RuntimeException e) {
        failed(e);
      }
    } while (!awaitStop());
  }

  private boolean awaitStop() {
    try {
      return stopped.await(passInterval.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  // An outage is logged when it starts and when it ends, not once a second in between.
  private void failed(RuntimeException e) {
    if (!failing) {
      log.warn("Scheduler pass failed, retrying every {} owner={}", passInterval, owner, e);
    }
    failing = true;
  }

  private void recovered() {
    if (failing) {
      log.info("Scheduler passes succeed again owner={}", owner);
    }
    failing = false;
  }

  private Schedule known(String scheduleId) {
    Schedule schedule = schedules.get(Objects.requireNonNull(scheduleId, "scheduleId"));
    if (schedule == null) {
      throw new IllegalArgumentException("scheduleId: no schedule '" + scheduleId + "'");
    }
    return schedule;
  }

  /** Builds a {@link Scheduler}; only the runtime is required. */
  public static final class Builder {
    private final Jobs jobs;
    private final List<Schedule> table = new ArrayList<>();
    private ScheduleOverrides overrides = ScheduleOverrides.NONE;
    private ScheduleStateStore store;
    private Clock clock;
    private Duration leaseTtl = DEFAULT_LEASE_TTL;
    private Duration passInterval = DEFAULT_PASS_INTERVAL;
    private Duration pendingRepairAfter = DEFAULT_PENDING_REPAIR_AFTER;
    private String owner;

    private Builder(Jobs jobs) {
      this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    public Builder schedule(Schedule schedule) {
      table.add(Objects.requireNonNull(schedule, "schedule"));
      return this;
    }

    public Builder schedules(List<Schedule> schedules) {
      schedules.forEach(this::schedule);
      return this;
    }

    /** Changes from a configuration file, applied over the table declared in code. */
    public Builder overrides(ScheduleOverrides value) {
      this.overrides = Objects.requireNonNull(value, "overrides");
      return this;
    }

    public Builder overrides(Path file) {
      return overrides(ScheduleOverrides.load(file));
    }

    /** Where state and the lease live; an in-memory store on the clock by default. */
    public Builder store(ScheduleStateStore value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /** Defaults to the runtime's clock. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Defaults to {@link Scheduler#DEFAULT_LEASE_TTL}. */
    public Builder leaseTtl(Duration value) {
      this.leaseTtl = positive(value, "leaseTtl");
      return this;
    }

    /** Defaults to {@link Scheduler#DEFAULT_PASS_INTERVAL}; keep it well below the lease TTL. */
    public Builder passInterval(Duration value) {
      this.passInterval = positive(value, "passInterval");
      return this;
    }

    /** Defaults to {@link Scheduler#DEFAULT_PENDING_REPAIR_AFTER}. */
    public Builder pendingRepairAfter(Duration value) {
      this.pendingRepairAfter = positive(value, "pendingRepairAfter");
      return this;
    }

    /** The lease owner token; a random one naming this scheduler by default. */
    public Builder owner(String value) {
      this.owner = Objects.requireNonNull(value, "owner");
      return this;
    }

    /**
     * @throws InvalidScheduleException listing every duplicate id, unknown actor, bad override
     */
    public Scheduler build() {
      clock = clock == null ? jobs.clock() : clock;
      store = store == null ? new InMemoryScheduleStateStore(clock) : store;
      owner =
          owner == null ? "scheduler-" + ProcessHandle.current().pid() + "-" + shortId() : owner;
      if (!passInterval.minus(leaseTtl).isNegative()) {
        throw new IllegalArgumentException(
            "passInterval: " + passInterval + " must be shorter than leaseTtl " + leaseTtl);
      }
      List<Schedule> effective = overrides.applyTo(table);
      validate(effective);
      return new Scheduler(this, effective);
    }

    private void validate(List<Schedule> effective) {
      List<String> problems = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (Schedule schedule : effective) {
        if (!seen.add(schedule.id())) {
          problems.add(InvalidScheduleException.problem(schedule.id(), "declared twice"));
        }
        if (jobs.registry().find(schedule.actor()).isEmpty()) {
          problems.add(
              InvalidScheduleException.problem(
                  schedule.id(), "actor '" + schedule.actor() + "' is not declared"));
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidScheduleException(problems);
      }
    }

    private static String shortId() {
      return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + ": must be positive, was " + value);
      }
      return value;
    }
  }
}

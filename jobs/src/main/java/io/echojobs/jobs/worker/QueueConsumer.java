package io.echojobs.jobs.worker;

import io.echojobs.jobs.broker.Broker;
import io.echojobs.jobs.broker.Delivery;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one queue for a {@link Worker}: a named platform thread fetches into a small local
 * buffer (bounded by concurrency plus prefetch), and starts the highest-priority held message
 * whenever a run permit is free. Messages run on virtual threads (network pool) or on a fixed set
 * of platform threads (cpu pool).
 *
 * <p>Threads: the fetch loop alone touches {@code buffer}; {@code held} and {@code permits} are
 * shared with the running messages and the lease keeper.
 */
final class QueueConsumer {

  private static final Logger log = LoggerFactory.getLogger(QueueConsumer.class);
  private static final Comparator<Buffered> BY_PRIORITY_THEN_ARRIVAL =
      (a, b) -> {
        int byPriority =
            Integer.compare(a.delivery().envelope().priority(), b.delivery().envelope().priority());
        return byPriority != 0 ? byPriority : Long.compare(a.arrival(), b.arrival());
      };
  private static final Duration BROKER_OUTAGE_PAUSE = Duration.ofSeconds(1);
  private static final long COMPLETION_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final QueueSettings settings;
  private final Broker broker;
  private final MessageProcessor processor;
  private final WorkerOptions options;
  private final ExecutorService executor;
  private final Semaphore permits;
  private final PriorityQueue<Buffered> buffer = new PriorityQueue<>(BY_PRIORITY_THEN_ARRIVAL);
  private long arrivals;
  private final Map<String, Delivery> held = new ConcurrentHashMap<>();
  private final AtomicLong processed = new AtomicLong();
  private final Thread loop;
  private volatile boolean stopping;
  private boolean brokerDown;

  QueueConsumer(
      QueueSettings settings, Broker broker, MessageProcessor processor, WorkerOptions options) {
    this.settings = settings;
    this.broker = broker;
    this.processor = processor;
    this.options = options;
    this.permits = new Semaphore(settings.concurrency());
    this.executor =
        settings.pool() == Pool.NETWORK
            // One name for all: numbering a virtual thread per message costs more than it tells.
            ? Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("echo-jobs-" + settings.queue()).factory())
            : Executors.newFixedThreadPool(
                settings.concurrency(),
                Thread.ofPlatform().name("echo-jobs-" + settings.queue() + "-", 0).factory());
    this.loop =
        Thread.ofPlatform().name("echo-jobs-fetch-" + settings.queue()).unstarted(this::fetchLoop);
  }

  void start() {
    loop.start();
  }

  QueueSettings settings() {
    return settings;
  }

  /** Messages this consumer holds now: running or waiting in its buffer. */
  Map<String, Delivery> held() {
    return held;
  }

  long processed() {
    return processed.get();
  }

  int running() {
    return settings.concurrency() - permits.availablePermits();
  }

  private void fetchLoop() {
    int maxHeld = settings.concurrency() + settings.prefetch();
    while (!stopping) {
      int free = maxHeld - held.size();
      if (free > 0) {
        fetchInto(free, buffer.isEmpty() ? options.fetchWait() : Duration.ZERO);
      }
      while (!buffer.isEmpty() && permits.tryAcquire()) {
        start(buffer.poll().delivery());
      }
      if (!buffer.isEmpty() || maxHeld - held.size() <= 0) {
        LockSupport.parkNanos(this, COMPLETION_WAIT_NANOS);
      }
    }
    handBackBuffered();
  }

  private void fetchInto(int free, Duration wait) {
    try {
      List<Delivery> deliveries = broker.fetch(settings.queue(), free, options.lease(), wait);
      for (Delivery delivery : deliveries) {
        held.put(delivery.messageId(), delivery);
        buffer.add(new Buffered(delivery, arrivals++));
      }
      if (brokerDown) {
        brokerDown = false;
        log.info("broker reachable again, fetching resumed queue={}", settings.queue());
      }
    } catch (InterruptedException e) {
      stopping = true;
    } catch (RuntimeException e) {
      if (stopping) {
        return; // the stop interrupted a blocking fetch; nothing was lost
      }
      if (!brokerDown) {
        brokerDown = true;
        log.warn(
            "fetch failed, retrying every {} until the broker answers queue={}",
            BROKER_OUTAGE_PAUSE,
            settings.queue(),
            e);
      }
      LockSupport.parkNanos(this, BROKER_OUTAGE_PAUSE.toNanos());
    }
  }

  private void start(Delivery delivery) {
    executor.execute(
        () -> {
          try {
            runAndSettle(delivery);
          } finally {
            held.remove(delivery.messageId());
            processed.incrementAndGet();
            permits.release();
            LockSupport.unpark(loop);
          }
        });
  }

  private void runAndSettle(Delivery delivery) {
    Settlement settlement = processor.process(delivery.envelope(), delivery.redeliveries());
    // From here on the lease keeper leaves it alone: extending a lease the settlement is ending
    // would be refused and reported as lost. At least two thirds of the lease remain.
    held.remove(delivery.messageId());
    try {
      boolean settled =
          switch (settlement) {
            case Settlement.Ack ack -> broker.ack(delivery);
            case Settlement.Retry retry -> broker.retry(delivery, retry.retry());
            case Settlement.DeadLetter dead ->
                broker.deadLetter(delivery, dead.body(), dead.reason());
          };
      if (!settled) {
        log.warn(
            "lease lost before the message settled; the broker already gave it to another"
                + " delivery, whose result counts message_id={} queue={}",
            delivery.messageId(),
            settings.queue());
      }
    } catch (RuntimeException e) {
      log.error(
          "could not settle the message with the broker; it will be redelivered when its lease"
              + " expires message_id={} queue={}",
          delivery.messageId(),
          settings.queue(),
          e);
    }
  }

  /** Stops fetching, waking a fetch that waits on an empty queue; the loop hands back and exits. */
  void stopFetching() {
    stopping = true;
    loop.interrupt();
  }

  /**
   * Waits for running messages up to the grace, then interrupts the rest and hands them back.
   * Returns how many were handed back unfinished.
   */
  int awaitRunning(Duration grace) throws InterruptedException {
    loop.join();
    executor.shutdown();
    if (executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      return 0;
    }
    int unfinished = 0;
    for (Delivery delivery : List.copyOf(held.values())) {
      if (broker.release(delivery)) {
        unfinished++;
      }
    }
    executor.shutdownNow();
    executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    return unfinished;
  }

  private void handBackBuffered() {
    Buffered buffered;
    while ((buffered = buffer.poll()) != null) {
      Delivery delivery = buffered.delivery();
      try {
        broker.release(delivery);
      } catch (RuntimeException e) {
        log.warn(
            "could not hand back a prefetched message; it returns when its lease expires"
                + " message_id={} queue={}",
            delivery.messageId(),
            settings.queue(),
            e);
      }
      held.remove(delivery.messageId());
    }
  }

  private record Buffered(Delivery delivery, long arrival) {}
}

package io.echojobs.jobs.worker;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.broker.Broker;
import io.echojobs.jobs.broker.Delivery;
import io.echojobs.jobs.broker.WorkerHeartbeat;
import io.echojobs.jobs.message.MessageIds;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes queues and runs their messages: one {@link QueueConsumer} per queue, a lease keeper
 * that extends the leases of everything held, a heartbeat publisher, and the pinning monitor.
 *
 * <p>{@link #close()} is the graceful stop (what SIGTERM triggers in the command line): stop
 * fetching, hand back what was prefetched, let running messages finish within the grace, then
 * interrupt the rest and hand them back, uncounted, for another worker.
 */
public final class Worker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  private final Jobs jobs;
  private final WorkerOptions options;
  private final String workerId = MessageIds.next();
  private final List<QueueConsumer> consumers = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final PinningMonitor pinning;
  private Thread leaseKeeper;
  private Thread heartbeat;
  private Instant startedAt;
  private volatile boolean closing;

  public Worker(Jobs jobs, WorkerOptions options) {
    this.jobs = jobs;
    this.options = options;
    this.pinning = jobs.pinningMonitor();
    for (QueueSettings settings : options.queues()) {
      consumers.add(new QueueConsumer(settings, jobs.broker(), jobs.processor(), options));
    }
  }

  public synchronized void start() {
    if (startedAt != null) {
      throw new IllegalStateException("worker " + workerId + " already started");
    }
    startedAt = jobs.clock().instant();
    pinning.start();
    consumers.forEach(QueueConsumer::start);
    Duration renewEvery = options.lease().dividedBy(3);
    leaseKeeper =
        Thread.ofPlatform()
            .daemon()
            .name("echo-jobs-lease-keeper")
            .start(() -> every(renewEvery, this::extendLeases));
    heartbeat =
        Thread.ofPlatform()
            .daemon()
            .name("echo-jobs-heartbeat")
            .start(() -> every(options.heartbeatInterval(), this::publishHeartbeat));
    log.info(
        "worker started worker={} queues={} lease={} shutdown_grace={}",
        workerId,
        describeQueues(),
        options.lease(),
        options.shutdownGrace());
  }

  public String id() {
    return workerId;
  }

  /** Messages run to their end (any outcome) since start, over all queues. */
  public long processed() {
    return consumers.stream().mapToLong(QueueConsumer::processed).sum();
  }

  /** Messages running now, over all queues. */
  public int running() {
    return consumers.stream().mapToInt(QueueConsumer::running).sum();
  }

  /** Blocks until {@link #close()} finished. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closing || startedAt == null) {
        return;
      }
      closing = true;
    }
    log.info("worker stopping worker={} grace={}", workerId, options.shutdownGrace());
    consumers.forEach(QueueConsumer::stopFetching);
    int handedBack = 0;
    try {
      for (QueueConsumer consumer : consumers) {
        handedBack += consumer.awaitRunning(options.shutdownGrace());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    leaseKeeper.interrupt();
    heartbeat.interrupt();
    joinQuietly(leaseKeeper);
    joinQuietly(heartbeat);
    jobs.broker().publishHeartbeat(heartbeatNow(), Duration.ofMillis(1));
    if (handedBack > 0) {
      log.warn(
          "worker stopped with unfinished messages handed back for another worker worker={}"
              + " handed_back={}",
          workerId,
          handedBack);
    } else {
      log.info("worker stopped worker={} processed={}", workerId, processed());
    }
    stopped.countDown();
  }

  private void extendLeases() {
    Broker broker = jobs.broker();
    for (QueueConsumer consumer : consumers) {
      for (Delivery delivery : List.copyOf(consumer.held().values())) {
        try {
          // A message that began settling after the snapshot was refused rightly: not a loss.
          if (!broker.extendLease(delivery, options.lease())
              && consumer.held().get(delivery.messageId()) == delivery) {
            log.warn(
                "lease lost while holding the message; another worker may run it too"
                    + " message_id={} queue={}",
                delivery.messageId(),
                delivery.queue());
          }
        } catch (RuntimeException e) {
          log.warn(
              "lease extension failed, trying again next round message_id={} queue={}",
              delivery.messageId(),
              delivery.queue(),
              e);
        }
      }
    }
  }

  private void publishHeartbeat() {
    try {
      jobs.broker().publishHeartbeat(heartbeatNow(), options.heartbeatInterval().multipliedBy(3));
    } catch (RuntimeException e) {
      log.warn("heartbeat not published, trying again next interval worker={}", workerId, e);
    }
  }

  private WorkerHeartbeat heartbeatNow() {
    List<String> inFlight = new ArrayList<>();
    consumers.forEach(c -> inFlight.addAll(c.held().keySet()));
    return new WorkerHeartbeat(
        workerId,
        hostName(),
        ProcessHandle.current().pid(),
        describeQueues(),
        inFlight,
        startedAt,
        jobs.clock().instant());
  }

  private Map<String, Integer> describeQueues() {
    Map<String, Integer> queues = new LinkedHashMap<>();
    consumers.forEach(c -> queues.put(c.settings().queue(), c.settings().concurrency()));
    return queues;
  }

  private static void every(Duration interval, Runnable task) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        TimeUnit.MILLISECONDS.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      task.run();
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}

package io.echojobs.echo.testing;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.broker.Broker;
import io.echojobs.jobs.broker.Delivery;
import io.echojobs.jobs.worker.Settlement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs queued messages on the test's thread, one at a time, through the runtime's real
 * processing, so a test with a settable clock decides exactly what runs and when. A message the
 * test chooses to lose is acknowledged without running, as a crashed or evicting broker would.
 */
public final class PipelineDriver {

  private static final Duration LEASE = Duration.ofMinutes(10);

  private final Jobs jobs;
  private final List<String> ran = new ArrayList<>();
  private final List<String> dropped = new ArrayList<>();

  public PipelineDriver(Jobs jobs) {
    this.jobs = jobs;
  }

  /** Runs messages until the queues are empty; drops those whose actor {@code lose} matches. */
  public void drain(Predicate<String> lose) throws InterruptedException {
    Broker broker = jobs.broker();
    boolean any = true;
    while (any) {
      any = false;
      for (String queue : List.of("network", "cpu")) {
        for (Delivery delivery : broker.fetch(queue, 50, LEASE, Duration.ZERO)) {
          any = true;
          String actor = jobs.codec().decode(delivery.envelope().body()).actor();
          if (lose.test(actor)) {
            dropped.add(actor);
            broker.ack(delivery);
            continue;
          }
          ran.add(actor);
          settle(broker, delivery,
              jobs.processor().process(delivery.envelope(), delivery.redeliveries()));
        }
      }
    }
  }

  public void drain() throws InterruptedException {
    drain(actor -> false);
  }

  public List<String> ran() {
    return ran;
  }

  public List<String> dropped() {
    return dropped;
  }

  private static void settle(Broker broker, Delivery delivery, Settlement settlement) {
    switch (settlement) {
      case Settlement.Ack ack -> broker.ack(delivery);
      case Settlement.Retry retry -> broker.retry(delivery, retry.retry());
      case Settlement.DeadLetter dead -> broker.deadLetter(delivery, dead.body(), dead.reason());
    }
  }
}

package io.echojobs.jobs;

import io.echojobs.jobs.broker.Broker;
import io.echojobs.jobs.broker.memory.InMemoryBroker;
import io.echojobs.jobs.coord.Coordination;
import io.echojobs.jobs.coord.InMemoryCoordination;
import io.echojobs.jobs.group.GroupStore;
import io.echojobs.jobs.group.InMemoryGroupStore;
import io.echojobs.jobs.results.InMemoryResultStore;
import io.echojobs.jobs.results.ResultStore;
import java.time.Clock;
import java.util.Objects;

/**
 * The shared stores a runtime needs, all of one kind (all in memory, or all on one Redis): the
 * broker, the result store, the group ledger and the coordination primitives. Closing it closes
 * what it opened.
 */
public record Backend(
    Broker broker,
    ResultStore results,
    GroupStore groups,
    Coordination coordination,
    AutoCloseable resources)
    implements AutoCloseable {

  public Backend {
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(groups, "groups");
    Objects.requireNonNull(coordination, "coordination");
  }

  /** Everything in this JVM's memory: the embedded default and the backend of most tests. */
  public static Backend inMemory(Clock clock) {
    InMemoryBroker broker = new InMemoryBroker(clock);
    return new Backend(
        broker,
        new InMemoryResultStore(clock),
        new InMemoryGroupStore(clock),
        new InMemoryCoordination(clock),
        broker);
  }

  @Override
  public void close() {
    try {
      if (resources != null) {
        resources.close();
      }
      broker.close();
    } catch (Exception e) {
      throw new JobsException("closing the backend failed", e);
    }
  }
}

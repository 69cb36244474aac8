package io.echojobs.jobs.broker;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a running worker publishes about itself every few seconds, for the dashboard and for a
 * person checking who holds what.
 *
 * @param workerId unique per worker process and start
 * @param host host name
 * @param pid operating-system process id
 * @param queues queue name to its concurrency limit
 * @param inFlight ids of messages the worker holds (running or prefetched)
 * @param startedAt when the worker started
 * @param beatAt when this heartbeat was written
 */
public record WorkerHeartbeat(
    String workerId,
    String host,
    long pid,
    Map<String, Integer> queues,
    List<String> inFlight,
    Instant startedAt,
    Instant beatAt) {}

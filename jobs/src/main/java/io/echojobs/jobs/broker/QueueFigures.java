package io.echojobs.jobs.broker;

import java.time.Duration;

/**
 * A snapshot of one queue.
 *
 * @param queue the queue
 * @param ready deliverable now
 * @param delayed waiting for their eta (retries included)
 * @param inFlight held by consumers under a lease
 * @param dead in dead letters
 * @param oldestReadyAge how long the oldest ready message has waited; zero when none is ready
 */
public record QueueFigures(
    String queue, long ready, long delayed, long inFlight, long dead, Duration oldestReadyAge) {}

package io.echojobs.jobs.retry;

/**
 * Marks a failure type that no retry can fix (a record that does not exist, input that can never
 * be valid). An actor throwing one goes straight to dead letters, whatever its retry budget.
 */
public interface UnrecoverableFailure {}

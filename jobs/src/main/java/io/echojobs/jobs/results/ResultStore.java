package io.echojobs.jobs.results;

import java.time.Duration;
import java.util.Optional;

/**
 * Keeps results of finished messages for a while, keyed by message id. One implementation per
 * broker kind, so that whoever can reach the broker can read results. Thread-safe.
 */
public interface ResultStore {

  /** Stores a result that expires after {@code ttl}; a later store for the same id replaces it. */
  void store(String messageId, StoredResult result, Duration ttl);

  Optional<StoredResult> find(String messageId);

  /**
   * Waits until a result for {@code messageId} exists, up to {@code timeout}.
   *
   * @throws ResultTimeoutException when none arrived in time
   */
  StoredResult await(String messageId, Duration timeout) throws InterruptedException;
}

package io.echojobs.echo.storage;

import java.util.Objects;
import java.util.UUID;

/**
 * One page of a selection ordered by id: rows whose id sorts after {@code after}, at most
 * {@code limit} of them. Paging by id visits every candidate exactly once however many there
 * are, so no old candidate can starve the others.
 *
 * @param after the last id of the previous page ({@link #FIRST_ID} for the first page)
 */
public record PageRequest(UUID after, int limit) {

  /** Sorts before every other uuid in PostgreSQL (which compares uuids byte by byte). */
  public static final UUID FIRST_ID = new UUID(0L, 0L);

  /** Rows per page when the caller does not say. */
  public static final int DEFAULT_LIMIT = 100;

  /** The most rows one page may ask for. */
  public static final int MAX_LIMIT = 10_000;

  public PageRequest {
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit: must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
  }

  /** The first page of {@code limit} rows. */
  public static PageRequest first(int limit) {
    return new PageRequest(FIRST_ID, limit);
  }

  /** The first page of {@value #DEFAULT_LIMIT} rows. */
  public static PageRequest first() {
    return first(DEFAULT_LIMIT);
  }
}

package io.echojobs.echo.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a selection ordered by id, and where the next one starts.
 *
 * @param items the rows of this page, in id order
 * @param next the request for the following page, or null when this is the last
 */
public record Page<T>(List<T> items, PageRequest next) {

  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /** The request for the following page, empty when this page is the last. */
  public Optional<PageRequest> nextPage() {
    return Optional.ofNullable(next);
  }

  /**
   * Builds a page from up to {@code request.limit() + 1} rows read in id order: the extra row,
   * when present, only tells that another page follows and is dropped.
   */
  static <T> Page<T> of(List<T> rows, PageRequest request, Function<T, UUID> idOf) {
    if (rows.size() <= request.limit()) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, request.limit());
    UUID last = idOf.apply(items.getLast());
    return new Page<>(items, new PageRequest(last, request.limit()));
  }
}

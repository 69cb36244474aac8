package io.echojobs.echo.storage;

/**
 * The base of every failure the storage layer raises. A plain {@code StorageException} means the
 * database could not do what was asked (unreachable, a failed statement); it is worth a retry.
 * Subclasses name a refusal that a retry will not change and carry the ids needed to act.
 *
 * <p>No storage method turns a database error into an empty result: a failed selection throws.
 */
public class StorageException extends RuntimeException {

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.echojobs.echo.storage;

/**
 * {@code DATABASE_URL} cannot be used. The message names the variable, what is wrong and the
 * accepted forms; it never contains the password.
 */
public final class InvalidDatabaseUrlException extends StorageException {

  public InvalidDatabaseUrlException(String message) {
    super(message);
  }
}

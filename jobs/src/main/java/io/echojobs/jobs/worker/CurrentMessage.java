package io.echojobs.jobs.worker;

import io.echojobs.jobs.message.Message;
import java.util.Optional;

/**
 * The message whose actor is running on the current thread, for actor code that needs its id
 * (to own a lock, say, so that a redelivery of the same message can take the lock over). Bound
 * as a scoped value around the actor's call only; empty anywhere else.
 */
public final class CurrentMessage {

  static final ScopedValue<Message> MESSAGE = ScopedValue.newInstance();

  private CurrentMessage() {}

  public static Optional<Message> get() {
    return MESSAGE.isBound() ? Optional.of(MESSAGE.get()) : Optional.empty();
  }
}

package io.echojobs.jobs.actor;

import io.echojobs.jobs.message.Message;
import java.time.Duration;

/** What an {@link Actor} needs from the runtime to send its messages. */
public interface MessageSender {

  Message newMessage(ActorOptions options, Object arguments);

  Message delayed(Message message, Duration delay);

  /** Stores the message; returns the pending id (another's when the unique key was taken). */
  String send(Message message);
}

package io.echojobs.jobs.actor;

import io.echojobs.jobs.message.Message;
import java.time.Duration;
import java.util.Objects;

/**
 * A declared actor: its options, the type of its arguments and the code it runs, bound to the
 * runtime that sends its messages. Obtained from {@code Jobs.declare}; thread-safe.
 *
 * @param <A> the argument type, encoded as JSON (usually a record)
 */
public final class Actor<A> {

  private final ActorOptions options;
  private final Class<A> argumentType;
  private final ActorFunction<A> function;
  private final MessageSender sender;

  Actor(
      ActorOptions options,
      Class<A> argumentType,
      ActorFunction<A> function,
      MessageSender sender) {
    this.options = options;
    this.argumentType = argumentType;
    this.function = function;
    this.sender = sender;
  }

  public String name() {
    return options.name();
  }

  public ActorOptions options() {
    return options;
  }

  public Class<A> argumentType() {
    return argumentType;
  }

  public ActorFunction<A> function() {
    return function;
  }

  /** Sends a message to run this actor; returns its id once the broker stored it. */
  public String send(A arguments) {
    return sender.send(message(arguments));
  }

  /** Sends a message that becomes deliverable after {@code delay}. */
  public String sendWithDelay(A arguments, Duration delay) {
    Objects.requireNonNull(delay, "delay");
    return sender.send(sender.delayed(message(arguments), delay));
  }

  /** Builds a message without sending it, for groups, pipelines and custom options. */
  public Message message(A arguments) {
    Objects.requireNonNull(arguments, "arguments");
    return sender.newMessage(options, arguments);
  }

  /**
   * Builds a message whose success callback or failure callback (either may be null) is sent
   * when it ends; callbacks receive {@code CallbackArguments}.
   */
  public Message messageWithCallbacks(A arguments, Actor<?> onSuccess, Actor<?> onFailure) {
    Message message = message(arguments);
    return message.withOptions(
        message
            .options()
            .withCallbacks(
                onSuccess == null ? null : onSuccess.name(),
                onFailure == null ? null : onFailure.name()));
  }

  /** Builds a message that, while pending, makes a second send with the same key a no-op. */
  public Message messageWithUniqueKey(A arguments, String uniqueKey) {
    Message message = message(arguments);
    return message.withOptions(message.options().withUniqueKey(uniqueKey));
  }

  @Override
  public String toString() {
    return "Actor[" + options.name() + " on " + options.queue() + "]";
  }
}

package io.echojobs.jobs.worker;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorFunction;
import io.echojobs.jobs.broker.Envelope;
import io.echojobs.jobs.message.Json;
import io.echojobs.jobs.message.Message;
import io.echojobs.jobs.message.MessageDecodingException;
import io.echojobs.jobs.middleware.Attempt;
import io.echojobs.jobs.middleware.MessageRejectedException;
import io.echojobs.jobs.middleware.Middleware;
import io.echojobs.jobs.middleware.Outcome;
import io.echojobs.jobs.retry.RetryDecision;
import io.echojobs.jobs.retry.TimeLimitExceededException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one message to its end on the calling thread and says how to settle it: decode, find the
 * actor, bind the arguments, run the middleware's before-hooks, the actor under its time limit,
 * the after-hooks, then decide ack, retry or dead letter.
 *
 * <p>Input that can never run (undecodable bytes, an unknown actor, arguments that do not bind)
 * is dead-lettered on its first delivery with the reason; nothing here throws to the caller.
 */
public final class MessageProcessor {

  /** Error type stored for a message naming an actor this process does not declare. */
  public static final String UNKNOWN_ACTOR = "unknown-actor";

  /** Error type stored for arguments that do not bind to the actor's argument type. */
  public static final String ARGUMENTS_DO_NOT_BIND = "arguments-do-not-bind";

  private static final Logger log = LoggerFactory.getLogger(MessageProcessor.class);

  private final Jobs jobs;
  private final TimeLimitWatchdog watchdog = TimeLimitWatchdog.shared();

  public MessageProcessor(Jobs jobs) {
    this.jobs = jobs;
  }

  public Settlement process(Envelope envelope, int redeliveries) {
    Message message;
    try {
      message =
          envelope.decoded() != null ? envelope.decoded() : jobs.codec().decode(envelope.body());
    } catch (MessageDecodingException e) {
      String reason = "undecodable message: " + e.getMessage();
      log.warn(
          "dead-lettering a payload that is not a message message_id={} queue={} reason={}",
          envelope.messageId(),
          envelope.queue(),
          e.getMessage());
      return new Settlement.DeadLetter(
          envelope.body(), reason, new Outcome.Failed(reason, "undecodable", e));
    }
    Actor<?> actor = jobs.registry().find(message.actor()).orElse(null);
    Attempt attempt = new Attempt(message, actor, redeliveries, jobs.clock().instant());
    Outcome outcome = runWithMiddleware(attempt);
    outcome = afterHooks(attempt, outcome);
    return settle(envelope, message, outcome);
  }

  private Outcome runWithMiddleware(Attempt attempt) {
    try {
      for (Middleware each : jobs.middleware()) {
        each.beforeProcess(attempt);
      }
      if (attempt.actor() == null) {
        return new Outcome.Failed(
            "unknown actor '"
                + attempt.message().actor()
                + "': no actor of that name is declared in this worker",
            UNKNOWN_ACTOR,
            null);
      }
      return perform(attempt, attempt.actor());
    } catch (MessageRejectedException rejected) {
      return new Outcome.Failed(rejected.getMessage(), rejected.rule(), rejected);
    }
  }

  private <A> Outcome perform(Attempt attempt, Actor<A> actor) {
    Message message = attempt.message();
    A arguments;
    try {
      arguments = Json.argumentReader(actor.argumentType()).readValue(message.arguments());
    } catch (Exception e) {
      return new Outcome.Failed(
          "arguments do not bind to "
              + actor.argumentType().getSimpleName()
              + ": "
              + firstLine(e.getMessage()),
          ARGUMENTS_DO_NOT_BIND,
          e);
    }
    return runUnderTimeLimit(attempt, actor, arguments);
  }

  private <A> Outcome runUnderTimeLimit(Attempt attempt, Actor<A> actor, A arguments) {
    Message message = attempt.message();
    ActorFunction<A> function = actor.function();
    TimeLimitWatchdog.Guard guard =
        watchdog.watch(actor.options().timeLimit(), message.id(), actor.name());
    try {
      Object result =
          ScopedValue.where(CurrentMessage.MESSAGE, message)
              .call(() -> function.perform(arguments));
      return new Outcome.Succeeded(result);
    } catch (OutOfMemoryError e) {
      throw e;
    } catch (Throwable failure) {
      Throwable cause =
          guard.fired()
              ? new TimeLimitExceededException(
                  message.id(), actor.name(), actor.options().timeLimit())
              : failure;
      return RetryDecision.after(
          cause, message.options().retries(), actor.options(), jobs.clock().instant());
    } finally {
      guard.close();
    }
  }

  /**
   * Runs after-hooks in reverse order. A hook that fails (a follow-up message that could not be
   * sent) must not lose the follow-up: the message is retried so that its hooks run again.
   */
  private Outcome afterHooks(Attempt attempt, Outcome outcome) {
    List<Middleware> chain = jobs.middleware();
    Outcome settled = outcome;
    for (int i = chain.size() - 1; i >= 0; i--) {
      try {
        chain.get(i).afterProcess(attempt, outcome);
      } catch (RuntimeException e) {
        log.error(
            "after-hook {} failed; retrying the message so its follow-ups are sent"
                + " message_id={} actor={}",
            chain.get(i).getClass().getSimpleName(),
            attempt.message().id(),
            attempt.message().actor(),
            e);
        if (attempt.actor() != null && !(settled instanceof Outcome.WillRetry)) {
          settled =
              RetryDecision.after(
                  e,
                  attempt.message().options().retries(),
                  attempt.actor().options(),
                  jobs.clock().instant());
        }
      }
    }
    return settled;
  }

  private Settlement settle(Envelope envelope, Message message, Outcome outcome) {
    return switch (outcome) {
      case Outcome.Succeeded succeeded -> new Settlement.Ack(outcome);
      case Outcome.WillRetry(Throwable error, java.time.Instant retryAt) -> {
        int retries = message.options().retries() + 1;
        String lastError = error.getClass().getName() + ": " + RetryDecision.describe(error);
        Message again =
            message.withOptions(message.options().withRetries(retries, lastError).withEta(retryAt));
        log.info(
            "attempt failed, retrying at {} message_id={} actor={} attempt={} error={}",
            retryAt,
            message.id(),
            message.actor(),
            retries,
            lastError);
        yield new Settlement.Retry(jobs.envelopeOf(again), outcome);
      }
      case Outcome.Failed(String reason, String errorType, Throwable error) -> {
        log.warn(
            "message failed for good, moved to dead letters message_id={} actor={} queue={}"
                + " reason={}",
            message.id(),
            message.actor(),
            message.queue(),
            reason);
        yield new Settlement.DeadLetter(envelope.body(), reason, outcome);
      }
    };
  }

  Envelope envelopeOf(Message message) {
    return jobs.envelopeOf(message);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}

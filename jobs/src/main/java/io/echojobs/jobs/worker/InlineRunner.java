package io.echojobs.jobs.worker;

import io.echojobs.jobs.JobsException;
import io.echojobs.jobs.broker.Envelope;
import io.echojobs.jobs.message.Message;

/**
 * Inline mode: runs a sent message at once on the sending thread, through the same processing as
 * a worker. Retries run immediately (backoff is not waited for); a message that ends in dead
 * letters throws {@link InlineFailure} to the sender.
 */
public final class InlineRunner {

  private final MessageProcessor processor;

  public InlineRunner(MessageProcessor processor) {
    this.processor = processor;
  }

  public String run(Message message) {
    Envelope envelope = processor.envelopeOf(message);
    while (true) {
      Settlement settlement = processor.process(envelope, 0);
      switch (settlement) {
        case Settlement.Ack ack -> {
          return message.id();
        }
        case Settlement.Retry retry -> envelope = retry.retry();
        case Settlement.DeadLetter dead -> throw new InlineFailure(message.id(), dead.reason());
      }
    }
  }

  /** A message run inline ended in dead letters. */
  public static final class InlineFailure extends JobsException {
    private final String messageId;

    InlineFailure(String messageId, String reason) {
      super("message " + messageId + " failed: " + reason);
      this.messageId = messageId;
    }

    public String messageId() {
      return messageId;
    }
  }
}

package io.echojobs.jobs.broker;

import java.time.Instant;
import java.util.Objects;

/**
 * What a broker stores for one message: the encoded body plus the few fields the broker itself
 * must read to order and deduplicate it, so a broker never decodes bodies.
 *
 * @param messageId the message's id
 * @param queue the queue it belongs to
 * @param priority lower is delivered first
 * @param eta deliverable from this instant; null means now
 * @param uniqueKey while pending, a second envelope with this key is not stored; may be null
 * @param body the encoded message
 */
public record Envelope(
    String messageId, String queue, int priority, Instant eta, String uniqueKey, byte[] body) {

  public Envelope {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(body, "body");
  }

  public Envelope withBody(byte[] newBody, Instant newEta) {
    return new Envelope(messageId, queue, priority, newEta, uniqueKey, newBody);
  }

  @Override
  public String toString() {
    return "Envelope[id=" + messageId + ", queue=" + queue + ", priority=" + priority + "]";
  }
}

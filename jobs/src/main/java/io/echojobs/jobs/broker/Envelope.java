package io.echojobs.jobs.broker;

import io.echojobs.jobs.message.Message;
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
 * @param decoded the message {@code body} encodes, when this envelope was built from it in this
 *     JVM; a broker that keeps envelopes in memory hands it back and the worker skips decoding.
 *     Null for envelopes read from a store (and for anything a test writes by hand).
 */
public record Envelope(
    String messageId,
    String queue,
    int priority,
    Instant eta,
    String uniqueKey,
    byte[] body,
    Message decoded) {

  public Envelope {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(body, "body");
  }

  /** An envelope with no decoded message, as a store returns it. */
  public Envelope(
      String messageId, String queue, int priority, Instant eta, String uniqueKey, byte[] body) {
    this(messageId, queue, priority, eta, uniqueKey, body, null);
  }

  /** A copy with another body (and so no decoded message) and eta. */
  public Envelope withBody(byte[] newBody, Instant newEta) {
    return new Envelope(messageId, queue, priority, newEta, uniqueKey, newBody, null);
  }

  @Override
  public String toString() {
    return "Envelope[id=" + messageId + ", queue=" + queue + ", priority=" + priority + "]";
  }
}

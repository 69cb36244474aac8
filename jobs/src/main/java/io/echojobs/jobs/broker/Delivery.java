package io.echojobs.jobs.broker;

import java.time.Instant;

/**
 * A message handed to one consumer under a lease. Only the holder of the current lease token
 * may ack, retry, dead-letter, release or extend it; after the lease expired and the message was
 * delivered again, the old token is refused.
 *
 * @param envelope the stored message
 * @param leaseToken proves who holds the message now
 * @param redeliveries how many times a lease on this message expired before this delivery
 * @param leaseExpiresAt when the lease ends unless extended (the broker's clock)
 */
public record Delivery(
    Envelope envelope, String leaseToken, int redeliveries, Instant leaseExpiresAt) {

  public String messageId() {
    return envelope.messageId();
  }

  public String queue() {
    return envelope.queue();
  }
}

package io.echojobs.jobs.broker;

/**
 * What an enqueue did.
 *
 * @param messageId the id that is pending now: the new message's, or, when its unique key was
 *     taken, the id of the message already holding the key
 * @param stored false when the unique key was taken and nothing was written
 */
public record EnqueueReceipt(String messageId, boolean stored) {}

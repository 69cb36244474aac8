package io.echojobs.jobs.middleware;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The arguments a success or failure callback receives.
 *
 * @param messageId the message that ended
 * @param actor its actor
 * @param arguments its arguments, as JSON, so the callback knows what the message was about
 * @param result its return value as JSON on success, null on failure
 * @param error why it failed, null on success
 */
public record CallbackArguments(
    String messageId, String actor, JsonNode arguments, JsonNode result, String error) {}

package io.echojobs.echo.pipeline;

import java.util.UUID;

/** The arguments of the actors that work on a whole conversation. */
public record ConversationRef(UUID conversationId) {}

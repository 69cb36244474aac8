package io.echojobs.echo.pipeline;

import java.util.UUID;

/** The arguments of the actors that work on one chunk. */
public record ChunkRef(UUID conversationId, UUID chunkId) {}

package io.echojobs.echo.pipeline;

import io.echojobs.jobs.message.Json;
import io.echojobs.jobs.middleware.CallbackArguments;

/**
 * {@value ConversationPipeline#TRANSCRIPTION_FAILED} (network/0): the failure callback of
 * transcription. Runs once a chunk's transcription failed for good (retries used up, or the
 * service rejected it): records the error on the chunk and counts the chunk as done, so the
 * conversation can be finalized without it.
 */
final class TranscriptionFailed {

  private final PipelineContext context;
  private final ChunkFanIn fanIn;

  TranscriptionFailed(PipelineContext context, ChunkFanIn fanIn) {
    this.context = context;
    this.fanIn = fanIn;
  }

  void run(CallbackArguments failed) throws Exception {
    ChunkRef chunk = Json.mapper().treeToValue(failed.arguments(), ChunkRef.class);
    context.storage().chunks()
        .recordError(chunk.chunkId(), failed.error(), false, context.clock().instant());
    context.report(chunk.conversationId(), chunk.chunkId(), "chunk.failed",
        "transcription failed for good");
    fanIn.chunkDone(chunk);
  }
}

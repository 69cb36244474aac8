package io.echojobs.echo.pipeline;

import io.echojobs.echo.storage.ChunkNotFoundException;
import io.echojobs.echo.storage.ConversationNotFoundException;
import io.echojobs.echo.storage.ProjectNotFoundException;
import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.message.Message;
import io.echojobs.jobs.middleware.CallbackArguments;
import java.time.Duration;
import java.util.UUID;

/**
 * The conversation pipeline's actors, declared on one runtime, and the one place that sends
 * their messages. Every send carries a unique key derived from what it is about, so a duplicate
 * send (a retried step, a catch-up pass) while the first message is pending stores nothing.
 *
 * <pre>
 * chunk added ──▶ process_chunk (cpu/0: normalise, split audio)
 *                   └▶ transcribe_chunk (network/0) ──▶ correct_transcript (network/0)
 *                                                          └▶ fan-in: pending_chunks − 1
 * finish ──▶ finish_conversation (network/30) ─┐     counter 0 and finished
 *                                              └──▶ finalize_conversation (network/20)
 *                          ┌───────────────────────────────┤
 *               merge_conversation (cpu/10)   summarize_conversation (network/30)
 *                                             count_tokens (network/40)
 * </pre>
 *
 * <p>Step failures follow the runtime's retry rules with budgets sized for user-facing work
 * (the original's 20 retries over 7 days outlived every lock and key they relied on).
 */
public final class ConversationPipeline {

  public static final String PROCESS_CHUNK = "process_chunk";
  public static final String TRANSCRIBE_CHUNK = "transcribe_chunk";
  public static final String TRANSCRIPTION_FAILED = "transcription_failed";
  public static final String CORRECT_TRANSCRIPT = "correct_transcript";
  public static final String FINISH_CONVERSATION = "finish_conversation";
  public static final String FINALIZE_CONVERSATION = "finalize_conversation";
  public static final String MERGE_CONVERSATION = "merge_conversation";
  public static final String SUMMARIZE_CONVERSATION = "summarize_conversation";
  public static final String COUNT_TOKENS = "count_tokens";

  /** Retries of pipeline steps: enough to ride out an outage of minutes, not days. */
  public static final int STEP_MAX_RETRIES = 8;

  public static final Duration STEP_MIN_BACKOFF = Duration.ofSeconds(2);
  public static final Duration STEP_MAX_BACKOFF = Duration.ofMinutes(5);

  private final Jobs jobs;
  private final ChunkFanIn fanIn;
  private final Actor<ChunkRef> processChunk;
  private final Actor<ChunkRef> transcribeChunk;
  private final Actor<CallbackArguments> transcriptionFailed;
  private final Actor<ChunkRef> correctTranscript;
  private final Actor<ConversationRef> finishConversation;
  private final Actor<ConversationRef> finalizeConversation;
  private final Actor<ConversationRef> mergeConversation;
  private final Actor<ConversationRef> summarizeConversation;
  private final Actor<ConversationRef> countTokens;

  public ConversationPipeline(PipelineContext context) {
    this.jobs = context.jobs();
    this.fanIn = new ChunkFanIn(context, this);
    processChunk =
        jobs.declare(step(PROCESS_CHUNK, "cpu", 0), ChunkRef.class,
            new ProcessChunk(context, this, fanIn)::run);
    transcribeChunk =
        jobs.declare(step(TRANSCRIBE_CHUNK, "network", 0), ChunkRef.class,
            new TranscribeChunk(context, this, fanIn)::run);
    transcriptionFailed =
        jobs.declare(step(TRANSCRIPTION_FAILED, "network", 0), CallbackArguments.class,
            new TranscriptionFailed(context, fanIn)::run);
    correctTranscript =
        jobs.declare(step(CORRECT_TRANSCRIPT, "network", 0), ChunkRef.class,
            new CorrectTranscript(context, this, fanIn)::run);
    finishConversation =
        jobs.declare(step(FINISH_CONVERSATION, "network", 30), ConversationRef.class,
            new FinishConversation(context, this)::run);
    finalizeConversation =
        jobs.declare(step(FINALIZE_CONVERSATION, "network", 20), ConversationRef.class,
            new FinalizeConversation(context, this)::run);
    mergeConversation =
        jobs.declareWithResult(
            ActorOptions.builder(MERGE_CONVERSATION)
                .queue("cpu")
                .priority(10)
                .storeResults(true)
                .maxRetries(STEP_MAX_RETRIES)
                .backoff(STEP_MIN_BACKOFF, STEP_MAX_BACKOFF)
                .noRetryFor(ConversationNotFoundException.class)
                .build(),
            ConversationRef.class,
            new MergeConversation(context)::run);
    summarizeConversation =
        jobs.declare(step(SUMMARIZE_CONVERSATION, "network", 30), ConversationRef.class,
            new SummarizeConversation(context)::run);
    countTokens =
        jobs.declare(step(COUNT_TOKENS, "network", 40), ConversationRef.class,
            new CountTokens(context)::run);
  }

  /**
   * Starts an audio chunk's processing: counts it as pending for the fan-in, then sends it.
   * Call after the chunk is stored.
   */
  public String audioChunkAdded(UUID conversationId, UUID chunkId) {
    fanIn.expect(conversationId, 1);
    return sendProcessChunk(conversationId, chunkId);
  }

  ChunkFanIn fanIn() {
    return fanIn;
  }

  public String sendProcessChunk(UUID conversationId, UUID chunkId) {
    return send(processChunk.message(new ChunkRef(conversationId, chunkId)), "process:" + chunkId);
  }

  String sendTranscribe(ChunkRef chunk) {
    Message message = transcribeChunk.messageWithCallbacks(chunk, null, transcriptionFailed);
    return send(message, "transcribe:" + chunk.chunkId());
  }

  String sendCorrect(ChunkRef chunk) {
    return send(correctTranscript.message(chunk), "correct:" + chunk.chunkId());
  }

  public String sendFinish(UUID conversationId) {
    return send(finishConversation.message(new ConversationRef(conversationId)),
        "finish:" + conversationId);
  }

  public String sendFinalize(UUID conversationId) {
    return send(finalizeConversation.message(new ConversationRef(conversationId)),
        "finalize:" + conversationId);
  }

  public String sendMerge(UUID conversationId) {
    return send(mergeConversation.message(new ConversationRef(conversationId)),
        "merge:" + conversationId);
  }

  public String sendSummarize(UUID conversationId) {
    return send(summarizeConversation.message(new ConversationRef(conversationId)),
        "summarize:" + conversationId);
  }

  public String sendCountTokens(UUID conversationId) {
    return send(countTokens.message(new ConversationRef(conversationId)),
        "count-tokens:" + conversationId);
  }

  private String send(Message message, String uniqueKey) {
    return jobs.send(message.withOptions(message.options().withUniqueKey(uniqueKey)));
  }

  private static ActorOptions step(String name, String queue, int priority) {
    return ActorOptions.builder(name)
        .queue(queue)
        .priority(priority)
        .maxRetries(STEP_MAX_RETRIES)
        .backoff(STEP_MIN_BACKOFF, STEP_MAX_BACKOFF)
        .noRetryFor(
            ConversationNotFoundException.class,
            ChunkNotFoundException.class,
            ProjectNotFoundException.class)
        .build();
  }
}

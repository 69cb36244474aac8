package io.echojobs.echo.pipeline;

import io.echojobs.echo.storage.CatchUpSelections;
import io.echojobs.echo.storage.Page;
import io.echojobs.echo.storage.PageRequest;
import io.echojobs.echo.storage.PendingChunk;
import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.schedule.Schedule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-up and reconcile jobs: each checks one flag (or one step's output) and repairs one
 * layer by sending the step that should have run. They are the safety net, not the mechanism:
 * when one finds work it logs a WARN naming what was stuck and counts it ({@link #findings()}),
 * because that means a message was lost or a counter drifted.
 *
 * <p>Each pages through every candidate (no oldest-first window that permanently failing rows
 * could fill), and sends with the pipeline's unique keys, so overlapping runs send nothing twice.
 */
public final class CatchUpJobs {

  public static final String FINISH_ABANDONED = "finish_abandoned_conversations";
  public static final String RECONCILE_TRANSCRIBED = "reconcile_transcribed_flag";
  public static final String SUMMARIZE_UNSUMMARIZED = "summarize_unsummarized_conversations";
  public static final String REPAIR_STUCK_CHUNKS = "repair_stuck_chunks";
  public static final String REPAIR_MERGE_AND_COUNT = "repair_merge_and_token_count";

  private static final Logger log = LoggerFactory.getLogger(CatchUpJobs.class);
  private static final int PAGE_SIZE = 200;

  private final PipelineContext context;
  private final ConversationPipeline pipeline;
  private final Map<String, AtomicLong> findings = new ConcurrentHashMap<>();

  public CatchUpJobs(PipelineContext context, ConversationPipeline pipeline) {
    this.context = context;
    this.pipeline = pipeline;
    Jobs jobs = context.jobs();
    declare(jobs, FINISH_ABANDONED, this::finishAbandoned);
    declare(jobs, RECONCILE_TRANSCRIBED, this::reconcileTranscribed);
    declare(jobs, SUMMARIZE_UNSUMMARIZED, this::summarizeUnsummarized);
    declare(jobs, REPAIR_STUCK_CHUNKS, this::repairStuckChunks);
    declare(jobs, REPAIR_MERGE_AND_COUNT, this::repairMergeAndCount);
  }

  /** The cron table of the catch-up jobs (UTC), as the original scheduled them. */
  public static List<Schedule> schedules() {
    return List.of(
        schedule(FINISH_ABANDONED, "*/2 * * * *"),
        schedule(RECONCILE_TRANSCRIBED, "*/3 * * * *"),
        schedule(SUMMARIZE_UNSUMMARIZED, "*/5 * * * *"),
        schedule(REPAIR_STUCK_CHUNKS, "*/5 * * * *"),
        schedule(REPAIR_MERGE_AND_COUNT, "*/5 * * * *"));
  }

  /** How many items each job found stuck since start, by job name. */
  public Map<String, Long> findings() {
    Map<String, Long> copy = new TreeMap<>();
    findings.forEach((job, count) -> copy.put(job, count.get()));
    return copy;
  }

  /** L1: conversations nobody finished (no chunk for 5 min by server time) get finished. */
  void finishAbandoned(NoArguments ignored) {
    Instant now = context.clock().instant();
    repair(FINISH_ABANDONED, "abandoned conversations finished",
        page -> selections().abandonedConversations(
            now, CatchUpSelections.DEFAULT_QUIET_PERIOD, page),
        pipeline::sendFinish);
  }

  /** L2: finished conversations with no pending chunk whose flag is still false. */
  void reconcileTranscribed(NoArguments ignored) {
    Instant now = context.clock().instant();
    repair(RECONCILE_TRANSCRIBED, "finished conversations finalized",
        page -> selections().finishedButNotTranscribed(now, page), pipeline::sendFinalize);
  }

  /** L3: transcribed conversations with no summary. */
  void summarizeUnsummarized(NoArguments ignored) {
    Instant now = context.clock().instant();
    repair(SUMMARIZE_UNSUMMARIZED, "transcribed conversations summarized",
        page -> selections().transcribedButNotSummarized(now, page), pipeline::sendSummarize);
  }

  /** Chunks pending for long: their process, transcribe or correct message was lost. */
  void repairStuckChunks(NoArguments ignored) {
    Instant now = context.clock().instant();
    repair(REPAIR_STUCK_CHUNKS, "stuck chunks sent to processing again",
        page -> selections().stuckChunks(now, CatchUpSelections.DEFAULT_STUCK_AFTER, page),
        (PendingChunk chunk) -> {
          if (context.storage().chunks().rawTranscript(chunk.chunkId()).isPresent()) {
            pipeline.sendCorrect(new ChunkRef(chunk.conversationId(), chunk.chunkId()));
          } else {
            pipeline.sendProcessChunk(chunk.conversationId(), chunk.chunkId());
          }
        });
  }

  /** Transcribed conversations whose merge or token count never ran. */
  void repairMergeAndCount(NoArguments ignored) {
    Instant now = context.clock().instant();
    repair(REPAIR_MERGE_AND_COUNT, "conversations merged again",
        page -> selections().transcribedButNotMerged(now, page), pipeline::sendMerge);
    repair(REPAIR_MERGE_AND_COUNT, "token counts computed again",
        page -> selections().transcribedButNotCounted(now, page), pipeline::sendCountTokens);
  }

  private <T> void repair(
      String job, String what, Function<PageRequest, Page<T>> select, Consumer<T> send) {
    PageRequest request = PageRequest.first(PAGE_SIZE);
    long found = 0;
    while (request != null) {
      Page<T> page = select.apply(request);
      for (T item : page.items()) {
        send.accept(item);
        found++;
      }
      request = page.nextPage().orElse(null);
    }
    if (found > 0) {
      findings.computeIfAbsent(job, name -> new AtomicLong()).addAndGet(found);
      log.warn("catch-up found stuck work, which means a message was lost or a counter drifted:"
          + " {} job={} count={}", what, job, found);
    }
  }

  private CatchUpSelections selections() {
    return context.storage().catchUp();
  }

  private static void declare(Jobs jobs, String name, CatchUpStep step) {
    jobs.declare(
        ActorOptions.builder(name).queue("network").priority(0).maxRetries(3).build(),
        NoArguments.class,
        step::run);
  }

  private static Schedule schedule(String actor, String cron) {
    return Schedule.builder(actor).actor(actor).cron(cron).arguments(new NoArguments()).build();
  }

  @FunctionalInterface
  private interface CatchUpStep {
    void run(NoArguments arguments) throws Exception;
  }
}

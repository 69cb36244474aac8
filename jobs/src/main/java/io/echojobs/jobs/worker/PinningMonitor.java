package io.echojobs.jobs.worker;

import io.echojobs.jobs.middleware.Attempt;
import io.echojobs.jobs.middleware.Middleware;
import io.echojobs.jobs.middleware.Outcome;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches for virtual threads pinned to their carrier (JFR {@code jdk.VirtualThreadPinned}): a
 * pinned virtual thread blocks a carrier, and with few carriers the whole network pool stalls.
 * Each event is attributed to the actor that ran on that thread, logged at WARN with the
 * duration, and counted per actor in {@link #pinnedByActor()}.
 *
 * <p>As middleware it remembers which actor runs on which thread; the JFR stream delivers events
 * about a second late, so a finished thread's actor is kept in a small ring of recent threads.
 */
public final class PinningMonitor implements Middleware, AutoCloseable {

  /** Pins shorter than this are not reported: short ones cost little and would flood the log. */
  public static final Duration DEFAULT_THRESHOLD = Duration.ofMillis(20);

  private static final Logger log = LoggerFactory.getLogger(PinningMonitor.class);
  private static final int RECENT_THREADS = 4096;

  private final Map<Long, String> actorByThread = new ConcurrentHashMap<>();
  /** Recently finished threads' actors, a lock-free ring indexed by thread id. */
  private final AtomicReferenceArray<FinishedThread> recentlyFinished =
      new AtomicReferenceArray<>(RECENT_THREADS);
  private final Map<String, LongAdder> pinnedCount = new ConcurrentHashMap<>();
  private final Duration threshold;
  private RecordingStream stream;

  public PinningMonitor(Duration threshold) {
    this.threshold = threshold;
  }

  /** Starts the JFR stream on a daemon thread; safe to call once. */
  public synchronized void start() {
    if (stream != null) {
      return;
    }
    stream = new RecordingStream();
    stream.enable("jdk.VirtualThreadPinned").withThreshold(threshold).withStackTrace();
    stream.onEvent("jdk.VirtualThreadPinned", this::onPinned);
    stream.startAsync();
  }

  @Override
  public void beforeProcess(Attempt attempt) {
    Thread current = Thread.currentThread();
    if (current.isVirtual()) {
      actorByThread.put(current.threadId(), attempt.message().actor());
    }
  }

  @Override
  public void afterProcess(Attempt attempt, Outcome outcome) {
    Thread current = Thread.currentThread();
    if (current.isVirtual()) {
      long threadId = current.threadId();
      String actor = actorByThread.remove(threadId);
      if (actor != null) {
        recentlyFinished.set(slot(threadId), new FinishedThread(threadId, actor));
      }
    }
  }

  /** Pinning events over the threshold, per actor (unknown threads under "unknown"). */
  public Map<String, Long> pinnedByActor() {
    Map<String, Long> counts = new TreeMap<>();
    pinnedCount.forEach((actor, count) -> counts.put(actor, count.sum()));
    return counts;
  }

  private void onPinned(RecordedEvent event) {
    RecordedThread thread = event.getThread();
    long threadId = thread == null ? -1 : thread.getJavaThreadId();
    String actor = actorByThread.get(threadId);
    if (actor == null) {
      FinishedThread finished = recentlyFinished.get(slot(threadId));
      actor = finished != null && finished.threadId() == threadId ? finished.actor() : "unknown";
    }
    pinnedCount.computeIfAbsent(actor, a -> new LongAdder()).increment();
    log.warn(
        "virtual thread pinned its carrier for {} ms (blocking inside a native call or a class"
            + " initializer); other network messages wait meanwhile actor={} thread={}",
        event.getDuration().toMillis(),
        actor,
        threadId);
  }

  private static int slot(long threadId) {
    return (int) Math.floorMod(threadId, (long) RECENT_THREADS);
  }

  private record FinishedThread(long threadId, String actor) {}

  @Override
  public synchronized void close() {
    if (stream != null) {
      stream.close();
      stream = null;
    }
  }
}

package io.echojobs.jobs.broker.redis;

import static io.echojobs.jobs.broker.redis.RedisScripts.args;
import static io.echojobs.jobs.broker.redis.RedisScripts.bytes;
import static io.echojobs.jobs.broker.redis.RedisScripts.number;
import static io.echojobs.jobs.broker.redis.RedisScripts.text;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.echojobs.jobs.broker.Broker;
import io.echojobs.jobs.broker.BrokerUnavailableException;
import io.echojobs.jobs.broker.DeadLetter;
import io.echojobs.jobs.broker.Delivery;
import io.echojobs.jobs.broker.EnqueueReceipt;
import io.echojobs.jobs.broker.Envelope;
import io.echojobs.jobs.broker.QueueFigures;
import io.echojobs.jobs.broker.WorkerHeartbeat;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Broker} on Redis or Valkey, one server or a cluster, for any number of producers and
 * workers on any number of machines.
 *
 * <p>Every step that touches more than one key is one Lua script (see {@code KEYSPACE.md} for the
 * keys and the scripts beside it), so two workers never see a half-done change. Lease ends, etas
 * and dead-letter times are the server's clock, not the callers'. A fetch that finds nothing sleeps
 * on the queue's signal list (BLPOP) and wakes as soon as a script makes a message deliverable, or
 * when the next eta or lease end is due.
 *
 * <p>Enqueues and acks that callers make on one queue while another is on the wire go out together
 * as one script call ({@link CallBatcher}); a fetch leases its whole batch in one call. Each script
 * touches a key once per batch, not once per message, which is what lets one Redis core carry tens
 * of thousands of messages a second.
 *
 * <p>{@link #enqueue} retries through connection errors for {@link
 * RedisSettings#enqueueRetryWindow()} (plus at most two command timeouts: the batch ahead of it and
 * its own), then throws {@link BrokerUnavailableException}; a resent enqueue of the same id stores
 * it once. Other operations turn a Redis failure into {@link BrokerUnavailableException} at once.
 * Thread-safe.
 */
public final class RedisBroker implements Broker {

  /** The most messages one fetch takes, whatever the caller asks for. */
  static final int MAX_FETCH_BATCH = 1000;

  /** The longest one BLPOP sleeps before the fetch looks again (a lost signal costs this). */
  static final Duration MAX_SIGNAL_WAIT = Duration.ofSeconds(1);

  /** First pause between enqueue attempts during an outage; doubles up to the maximum. */
  static final Duration ENQUEUE_BACKOFF_MIN = Duration.ofMillis(50);

  static final Duration ENQUEUE_BACKOFF_MAX = Duration.ofSeconds(1);

  /** How often a producer writes a queue's name again to the set behind {@link #queues()}. */
  static final Duration QUEUE_REGISTRATION_REFRESH = Duration.ofMinutes(1);

  /** The body bytes after which a batch of enqueues takes no more (one more body at most). */
  static final int ENQUEUE_BATCH_BYTES = 1024 * 1024;

  /** What enqueue.lua takes per message: id, body, priority, eta, unique key. */
  private static final int ENQUEUE_ARGS = 5;

  private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);
  private static final String[] QUEUE_SCRIPTS = {
    "enqueue",
    "fetch",
    "extend",
    "ack",
    "retry",
    "dead-letter",
    "release",
    "cancel",
    "find",
    "dead-letters",
    "replay",
    "purge-dead-letters",
    "purge",
    "figures"
  };

  private final RedisConnections connections;
  private final RedisSettings settings;
  private final RedisScripts scripts;
  private final SignalWaiter signals;
  private final HeartbeatRegistry heartbeats;
  private final EnqueueRetry enqueueRetry;
  private final long maxSignalWaitMillis;
  private final Map<String, String[]> queueKeys = new ConcurrentHashMap<>();
  private final Map<String, CallBatcher<byte[][], List<Object>>> enqueueBatchers =
      new ConcurrentHashMap<>();
  private final Map<String, CallBatcher<Delivery, Boolean>> ackBatchers = new ConcurrentHashMap<>();
  private final Map<String, Long> registeredAt = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** Loads the scripts; the caller keeps ownership of {@code connections}. */
  public RedisBroker(RedisConnections connections, RedisSettings settings) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.scripts = new RedisScripts(connections.commands());
    for (String name : QUEUE_SCRIPTS) {
      scripts.loadQueueScript(name);
    }
    scripts.loadScript(HeartbeatRegistry.PUBLISH_SCRIPT);
    scripts.loadScript(HeartbeatRegistry.LIST_SCRIPT);
    this.signals = new SignalWaiter(connections, settings.commandTimeout());
    this.heartbeats = new HeartbeatRegistry(scripts, settings.keyPrefix());
    // A BLPOP longer than the command timeout would be cut off by Lettuce as a failure.
    this.maxSignalWaitMillis =
        Math.max(1, Math.min(MAX_SIGNAL_WAIT.toMillis(), settings.commandTimeout().toMillis() / 2));
    this.enqueueRetry =
        new EnqueueRetry(settings.enqueueRetryWindow(), ENQUEUE_BACKOFF_MIN, ENQUEUE_BACKOFF_MAX);
  }

  @Override
  public EnqueueReceipt enqueue(Envelope envelope) {
    Objects.requireNonNull(envelope, "envelope");
    ensureOpen();
    if (envelope.body().length > settings.maxBodyBytes()) {
      throw new IllegalArgumentException(
          "message "
              + envelope.messageId()
              + " not enqueued: its body is "
              + envelope.body().length
              + " bytes, over the limit of "
              + settings.maxBodyBytes()
              + " bytes (queue="
              + envelope.queue()
              + ")");
    }
    byte[][] args =
        args(
            envelope.messageId(),
            envelope.body(),
            envelope.priority(),
            etaMillis(envelope.eta()),
            envelope.uniqueKey() == null ? "" : envelope.uniqueKey());
    List<Object> reply = enqueueRetry.run(envelope, () -> storeAndRegister(envelope.queue(), args));
    return new EnqueueReceipt(text(reply.get(0)), number(reply.get(1)) == 1);
  }

  private List<Object> storeAndRegister(String queue, byte[][] args) {
    if (!registrationDue(queue)) {
      return store(queue, args);
    }
    // Sent alongside the script on the same connection, so it costs no extra round trip.
    RedisFuture<Long> registered =
        connections
            .asyncCommands()
            .sadd(QueueKeys.queueNames(settings.keyPrefix()), queue.getBytes(UTF_8));
    List<Object> reply = store(queue, args);
    try {
      registered.get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      registeredAt.remove(queue);
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      registeredAt.remove(queue);
      // The message is stored; a queue missing from queues() only hides it from the dashboard
      // until the next enqueue registers it.
      log.warn("could not register the queue name, retried on next enqueue queue={}", queue, e);
    }
    return reply;
  }

  /**
   * Stores one message, together with others enqueued on the queue at the same moment ({@link
   * CallBatcher}); a Redis failure surfaces as the {@link RedisException} that {@link EnqueueRetry}
   * classifies.
   */
  private List<Object> store(String queue, byte[][] args) {
    CallBatcher<byte[][], List<Object>> batcher =
        enqueueBatchers.computeIfAbsent(
            queue,
            q ->
                new CallBatcher<>(
                    batch -> storeTogether(q, batch),
                    message -> message[1].length,
                    ENQUEUE_BATCH_BYTES));
    try {
      return batcher.call(args);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedisCommandInterruptedException(e);
    }
  }

  private List<List<Object>> storeTogether(String queue, List<byte[][]> batch) {
    byte[][] all = new byte[batch.size() * ENQUEUE_ARGS][];
    for (int i = 0; i < batch.size(); i++) {
      System.arraycopy(batch.get(i), 0, all, i * ENQUEUE_ARGS, ENQUEUE_ARGS);
    }
    List<Object> reply = scripts.run("enqueue", ScriptOutputType.MULTI, keys(queue), all);
    List<List<Object>> receipts = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      receipts.add(reply.subList(2 * i, 2 * i + 2));
    }
    return receipts;
  }

  /**
   * True for a queue's first enqueue by this broker and then once per {@link
   * #QUEUE_REGISTRATION_REFRESH}: a set member does not need writing on every message, but is
   * written again now and then in case someone deleted the set.
   */
  private boolean registrationDue(String queue) {
    long now = System.nanoTime();
    Long last = registeredAt.get(queue);
    if (last != null && now - last < QUEUE_REGISTRATION_REFRESH.toNanos()) {
      return false;
    }
    registeredAt.put(queue, now);
    return true;
  }

  @Override
  public List<Delivery> fetch(String queue, int max, Duration lease, Duration wait)
      throws InterruptedException {
    Objects.requireNonNull(queue, "queue");
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    requirePositive("lease", lease);
    ensureOpen();
    String[] keys = keys(queue);
    long deadline = System.nanoTime() + (wait.isNegative() ? 0 : wait.toNanos());
    while (true) {
      Fetched fetched = fetchOnceInterruptibly(queue, keys, Math.min(max, MAX_FETCH_BATCH), lease);
      if (!fetched.deliveries().isEmpty()) {
        return fetched.deliveries();
      }
      long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (remainingMillis <= 0 || closed) {
        return List.of();
      }
      long sleepMillis = Math.min(remainingMillis, maxSignalWaitMillis);
      if (fetched.millisUntilNextChange() >= 0) {
        sleepMillis = Math.min(sleepMillis, fetched.millisUntilNextChange());
      }
      signals.await(keys[QueueKeys.SIGNAL], Duration.ofMillis(sleepMillis));
    }
  }

  /** A fetch interrupted inside Lettuce surfaces as the InterruptedException callers expect. */
  private Fetched fetchOnceInterruptibly(String queue, String[] keys, int max, Duration lease)
      throws InterruptedException {
    try {
      return fetchOnce(queue, keys, max, lease);
    } catch (BrokerUnavailableException e) {
      if (Thread.interrupted()) {
        InterruptedException interrupted = new InterruptedException("fetch interrupted");
        interrupted.initCause(e);
        throw interrupted;
      }
      throw e;
    }
  }

  private Fetched fetchOnce(String queue, String[] keys, int max, Duration lease) {
    List<Object> reply =
        call(
            "fetch",
            queue,
            () ->
                scripts.run(
                    "fetch",
                    ScriptOutputType.MULTI,
                    keys,
                    args(
                        max,
                        lease.toMillis(),
                        UUID.randomUUID(),
                        settings.maxRedeliveries(),
                        settings.deadLetterRetention().toMillis())));
    Instant leaseEnd = Instant.ofEpochMilli(number(reply.get(0)));
    long nextChange = number(reply.get(1));
    int count = (int) number(reply.get(2));
    List<Delivery> deliveries = new ArrayList<>(count);
    for (int i = 0, at = 3; i < count; i++, at += 7) {
      Envelope envelope =
          new Envelope(
              text(reply.get(at)),
              queue,
              (int) number(reply.get(at + 2)),
              instantOrNull(number(reply.get(at + 3))),
              emptyToNull(text(reply.get(at + 4))),
              bytes(reply.get(at + 1)));
      deliveries.add(
          new Delivery(
              envelope, text(reply.get(at + 6)), (int) number(reply.get(at + 5)), leaseEnd));
    }
    if (!deliveries.isEmpty()) {
      log.debug("fetched queue={} count={}", queue, deliveries.size());
    }
    return new Fetched(deliveries, nextChange);
  }

  @Override
  public boolean extendLease(Delivery delivery, Duration lease) {
    requirePositive("lease", lease);
    return settle("extend", delivery, lease.toMillis()) > 0;
  }

  /** Acks that arrive together on one queue share one script call ({@link CallBatcher}). */
  @Override
  public boolean ack(Delivery delivery) {
    Objects.requireNonNull(delivery, "delivery");
    CallBatcher<Delivery, Boolean> batcher =
        ackBatchers.computeIfAbsent(
            delivery.queue(), queue -> new CallBatcher<>(batch -> ackTogether(queue, batch)));
    try {
      return batcher.call(delivery);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerUnavailableException(
          "Redis ack interrupted message_id=" + delivery.messageId(), e);
    }
  }

  private List<Boolean> ackTogether(String queue, List<Delivery> batch) {
    Object[] pairs = new Object[batch.size() * 2];
    for (int i = 0; i < batch.size(); i++) {
      pairs[2 * i] = batch.get(i).messageId();
      pairs[2 * i + 1] = batch.get(i).leaseToken();
    }
    List<Object> reply =
        call(
            "ack",
            queue,
            () -> scripts.run("ack", ScriptOutputType.MULTI, keys(queue), args(pairs)));
    List<Boolean> acked = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      acked.add(number(reply.get(i)) == 1);
      log.debug(
          "ack message_id={} queue={} accepted={}",
          batch.get(i).messageId(),
          queue,
          acked.getLast());
    }
    return acked;
  }

  @Override
  public boolean retry(Delivery delivery, Envelope retry) {
    Objects.requireNonNull(retry, "retry");
    if (!retry.messageId().equals(delivery.messageId())) {
      throw new IllegalArgumentException(
          "retry must keep the message id: delivery "
              + delivery.messageId()
              + ", retry "
              + retry.messageId());
    }
    return settle("retry", delivery, retry.body(), retry.priority(), etaMillis(retry.eta())) == 1;
  }

  @Override
  public boolean deadLetter(Delivery delivery, byte[] body, String reason) {
    Objects.requireNonNull(body, "body");
    return settle(
            "dead-letter",
            delivery,
            body,
            reason == null ? "" : reason,
            settings.deadLetterRetention().toMillis())
        == 1;
  }

  @Override
  public boolean release(Delivery delivery) {
    return settle("release", delivery) == 1;
  }

  /** Runs a script that settles a delivery: ARGV is id, lease token, then {@code more}. */
  private long settle(String script, Delivery delivery, Object... more) {
    Objects.requireNonNull(delivery, "delivery");
    Object[] values = new Object[more.length + 2];
    values[0] = delivery.messageId();
    values[1] = delivery.leaseToken();
    System.arraycopy(more, 0, values, 2, more.length);
    String queue = delivery.queue();
    long result =
        call(
            script,
            queue,
            () -> scripts.run(script, ScriptOutputType.INTEGER, keys(queue), args(values)));
    log.debug(
        "{} message_id={} queue={} accepted={}", script, delivery.messageId(), queue, result > 0);
    return result;
  }

  @Override
  public boolean cancel(String queue, String messageId) {
    Objects.requireNonNull(messageId, "messageId");
    long result =
        call(
            "cancel",
            queue,
            () -> scripts.run("cancel", ScriptOutputType.INTEGER, keys(queue), args(messageId)));
    return result == 1;
  }

  @Override
  public Optional<Envelope> find(String queue, String messageId) {
    Objects.requireNonNull(messageId, "messageId");
    List<Object> reply =
        call(
            "find",
            queue,
            () -> scripts.run("find", ScriptOutputType.MULTI, keys(queue), args(messageId)));
    if (reply.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Envelope(
            messageId,
            queue,
            (int) number(reply.get(1)),
            instantOrNull(number(reply.get(2))),
            emptyToNull(text(reply.get(3))),
            bytes(reply.get(0))));
  }

  @Override
  public List<DeadLetter> deadLetters(String queue, int limit) {
    if (limit < 1) {
      return List.of();
    }
    List<Object> reply =
        call(
            "dead-letters",
            queue,
            () ->
                scripts.run(
                    "dead-letters",
                    ScriptOutputType.MULTI,
                    keys(queue),
                    args(limit, settings.deadLetterRetention().toMillis())));
    List<DeadLetter> letters = new ArrayList<>(reply.size() / 6);
    for (int at = 0; at + 5 < reply.size(); at += 6) {
      Envelope envelope =
          new Envelope(
              text(reply.get(at)),
              queue,
              (int) number(reply.get(at + 2)),
              null,
              emptyToNull(text(reply.get(at + 3))),
              bytes(reply.get(at + 1)));
      letters.add(
          new DeadLetter(
              envelope, text(reply.get(at + 4)), Instant.ofEpochMilli(number(reply.get(at + 5)))));
    }
    return letters;
  }

  @Override
  public boolean replay(String queue, String messageId, byte[] body) {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(body, "body");
    long result =
        call(
            "replay",
            queue,
            () ->
                scripts.run(
                    "replay", ScriptOutputType.INTEGER, keys(queue), args(messageId, body)));
    if (result == 1) {
      log.info("dead letter replayed message_id={} queue={}", messageId, queue);
    }
    return result == 1;
  }

  @Override
  public long purgeDeadLetters(String queue) {
    long count =
        call(
            "purge-dead-letters",
            queue,
            () -> scripts.run("purge-dead-letters", ScriptOutputType.INTEGER, keys(queue)));
    log.info("dead letters purged queue={} count={}", queue, count);
    return count;
  }

  @Override
  public long purge(String queue) {
    long count =
        call("purge", queue, () -> scripts.run("purge", ScriptOutputType.INTEGER, keys(queue)));
    log.info("queue purged queue={} count={}", queue, count);
    return count;
  }

  @Override
  public QueueFigures figures(String queue) {
    List<Object> reply =
        call(
            "figures",
            queue,
            () ->
                scripts.run(
                    "figures",
                    ScriptOutputType.MULTI,
                    keys(queue),
                    args(settings.maxRedeliveries(), settings.deadLetterRetention().toMillis())));
    return new QueueFigures(
        queue,
        number(reply.get(0)),
        number(reply.get(1)),
        number(reply.get(2)),
        number(reply.get(3)),
        Duration.ofMillis(number(reply.get(4))));
  }

  @Override
  public Set<String> queues() {
    Set<byte[]> names =
        call(
            "queues",
            "*",
            () -> connections.commands().smembers(QueueKeys.queueNames(settings.keyPrefix())));
    Set<String> sorted = new TreeSet<>();
    names.forEach(name -> sorted.add(new String(name, UTF_8)));
    return sorted;
  }

  @Override
  public void publishHeartbeat(WorkerHeartbeat heartbeat, Duration ttl) {
    Objects.requireNonNull(heartbeat, "heartbeat");
    requirePositive("ttl", ttl);
    call(
        "heartbeat",
        "*",
        () -> {
          heartbeats.publish(heartbeat, ttl);
          return null;
        });
  }

  @Override
  public List<WorkerHeartbeat> heartbeats() {
    return call("heartbeats", "*", heartbeats::live);
  }

  @Override
  public int maxRedeliveries() {
    return settings.maxRedeliveries();
  }

  /** Closes the blocking connections; the shared connections belong to the caller. */
  @Override
  public void close() {
    closed = true;
    signals.close();
  }

  /** The queue's keys, built once per queue; the array is shared, so never changed. */
  private String[] keys(String queue) {
    return queueKeys.computeIfAbsent(
        Objects.requireNonNull(queue, "queue"), q -> QueueKeys.of(settings.keyPrefix(), q));
  }

  private <T> T call(String operation, String queue, Supplier<T> step) {
    try {
      return step.get();
    } catch (RedisCommandInterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerUnavailableException("Redis " + operation + " interrupted queue=" + queue, e);
    } catch (RedisException e) {
      throw new BrokerUnavailableException(
          "Redis " + operation + " failed queue=" + queue + ": " + e.getMessage(), e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("broker is closed");
    }
  }

  private static long etaMillis(Instant eta) {
    return eta == null ? 0 : eta.toEpochMilli();
  }

  private static Instant instantOrNull(long millis) {
    return millis == 0 ? null : Instant.ofEpochMilli(millis);
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  private record Fetched(List<Delivery> deliveries, long millisUntilNextChange) {}
}

package io.echojobs.jobs.broker.redis;

import io.echojobs.jobs.broker.BrokerUnavailableException;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets a fetch sleep until a queue's signal list receives a token (pushed by every script that
 * makes a message deliverable) instead of polling. BLPOP holds its connection for the whole wait,
 * so each waiting thread borrows a connection of its own; a few idle ones are kept for the next
 * waiter. Thread-safe.
 */
final class SignalWaiter implements AutoCloseable {

  /** Idle blocking connections kept open for the next waiter; more are closed after use. */
  static final int MAX_IDLE_LINKS = 4;

  private final RedisConnections connections;
  private final Duration commandTimeout;
  private final Deque<RedisConnections.Link> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  SignalWaiter(RedisConnections connections, Duration commandTimeout) {
    this.connections = connections;
    this.commandTimeout = commandTimeout;
  }

  /**
   * Blocks until a token arrives on {@code signalKey} or {@code wait} (at least 1 ms) passes.
   * Returns true when a token arrived.
   */
  boolean await(String signalKey, Duration wait) throws InterruptedException {
    long waitMillis = Math.max(1, wait.toMillis());
    RedisConnections.Link link = borrow();
    boolean reusable = false;
    try {
      RedisFuture<KeyValue<String, byte[]>> popped =
          link.commands().blpop(waitMillis / 1000.0, signalKey);
      KeyValue<String, byte[]> token =
          popped.get(waitMillis + commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
      reusable = true;
      return token != null && token.hasValue();
    } catch (ExecutionException e) {
      throw new BrokerUnavailableException(
          "waiting for a signal failed key=" + signalKey, e.getCause());
    } catch (TimeoutException e) {
      throw new BrokerUnavailableException("no answer while waiting key=" + signalKey, e);
    } finally {
      // A connection whose BLPOP may still be pending must not serve another waiter.
      giveBack(link, reusable);
    }
  }

  @Override
  public void close() {
    closed = true;
    RedisConnections.Link link;
    while ((link = idle.pollFirst()) != null) {
      link.close();
    }
  }

  private RedisConnections.Link borrow() {
    RedisConnections.Link link = idle.pollFirst();
    if (link != null) {
      return link;
    }
    try {
      return connections.openLink();
    } catch (RedisException e) {
      throw new BrokerUnavailableException("could not open a connection to wait on", e);
    }
  }

  private void giveBack(RedisConnections.Link link, boolean reusable) {
    if (!reusable || closed || idle.size() >= MAX_IDLE_LINKS) {
      link.close();
      return;
    }
    idle.offerFirst(link);
    if (closed && idle.remove(link)) {
      link.close();
    }
  }
}

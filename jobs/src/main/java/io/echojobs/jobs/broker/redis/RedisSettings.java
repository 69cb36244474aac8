package io.echojobs.jobs.broker.redis;

import io.echojobs.jobs.broker.Broker;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Redis or Valkey and how the Redis backend behaves. Immutable; build it with {@link
 * #builder(String)}, every unset value takes the named default below.
 *
 * <p>The URL forms (credentials are never logged):
 *
 * <ul>
 *   <li>{@code redis://[user:password@]host[:port][/database]} plain TCP, ACL user optional;
 *   <li>{@code rediss://...} the same over TLS, the server's certificate verified;
 *   <li>{@code redis-cluster://[user:password@]host:port,host:port,...} a Redis Cluster, seeded by
 *       the listed nodes; {@code rediss-cluster://} the same over TLS. A cluster has no database
 *       number.
 * </ul>
 *
 * <p>Lettuce's own query parameters pass through: {@code ?clientName=...}, and {@code
 * ?verifyPeer=CA} (trust chain only, no host name check) or {@code ?verifyPeer=NONE} (no
 * verification: test servers with a self-signed certificate only).
 *
 * @param url where the server is, in one of the forms above
 * @param keyPrefix the first segment of every key, so several installations can share a server
 * @param enqueueRetryWindow how long enqueue keeps retrying through connection errors before it
 *     throws {@link io.echojobs.jobs.broker.BrokerUnavailableException}
 * @param commandTimeout how long one command may take before it fails
 * @param maxBodyBytes the largest encoded message body enqueue accepts
 * @param maxRedeliveries lost leases after which a message is poison
 * @param deadLetterRetention how long dead letters are kept
 */
public record RedisSettings(
    String url,
    String keyPrefix,
    Duration enqueueRetryWindow,
    Duration commandTimeout,
    int maxBodyBytes,
    int maxRedeliveries,
    Duration deadLetterRetention) {

  /** Default {@link #keyPrefix()}. */
  public static final String DEFAULT_KEY_PREFIX = "ej";

  /** Default {@link #enqueueRetryWindow()}: covers a server restart or a failover. */
  public static final Duration DEFAULT_ENQUEUE_RETRY_WINDOW = Duration.ofSeconds(10);

  /** Default {@link #commandTimeout()}. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

  /** Default {@link #maxBodyBytes()}: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  public RedisSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    requirePositive("enqueueRetryWindow", enqueueRetryWindow);
    requirePositive("commandTimeout", commandTimeout);
    requirePositive("deadLetterRetention", deadLetterRetention);
    if (keyPrefix.isEmpty() || keyPrefix.contains("{") || keyPrefix.contains("}")) {
      throw new IllegalArgumentException(
          "keyPrefix must be non-empty without braces (they would break the hash tags), was '"
              + keyPrefix
              + "'");
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be >= 1, was " + maxBodyBytes);
    }
    if (maxRedeliveries < 0) {
      throw new IllegalArgumentException("maxRedeliveries must be >= 0, was " + maxRedeliveries);
    }
  }

  /** Settings for {@code url} with every other value at its default. */
  public static RedisSettings of(String url) {
    return builder(url).build();
  }

  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** The same settings with another key prefix. */
  public RedisSettings withKeyPrefix(String prefix) {
    return new RedisSettings(
        url,
        prefix,
        enqueueRetryWindow,
        commandTimeout,
        maxBodyBytes,
        maxRedeliveries,
        deadLetterRetention);
  }

  @Override
  public String toString() {
    return "RedisSettings[url="
        + RedisEndpoints.redact(url)
        + ", keyPrefix="
        + keyPrefix
        + ", enqueueRetryWindow="
        + enqueueRetryWindow
        + ", commandTimeout="
        + commandTimeout
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", maxRedeliveries="
        + maxRedeliveries
        + ", deadLetterRetention="
        + deadLetterRetention
        + "]";
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** Builds {@link RedisSettings}; each setter's default is the matching constant. */
  public static final class Builder {
    private final String url;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration enqueueRetryWindow = DEFAULT_ENQUEUE_RETRY_WINDOW;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxRedeliveries = Broker.DEFAULT_MAX_REDELIVERIES;
    private Duration deadLetterRetention = Broker.DEFAULT_DEAD_LETTER_RETENTION;

    private Builder(String url) {
      this.url = Objects.requireNonNull(url, "url");
    }

    /** Default {@link RedisSettings#DEFAULT_KEY_PREFIX}. */
    public Builder keyPrefix(String value) {
      this.keyPrefix = value;
      return this;
    }

    /** Default {@link RedisSettings#DEFAULT_ENQUEUE_RETRY_WINDOW}. */
    public Builder enqueueRetryWindow(Duration value) {
      this.enqueueRetryWindow = value;
      return this;
    }

    /** Default {@link RedisSettings#DEFAULT_COMMAND_TIMEOUT}. */
    public Builder commandTimeout(Duration value) {
      this.commandTimeout = value;
      return this;
    }

    /** Default {@link RedisSettings#DEFAULT_MAX_BODY_BYTES}. */
    public Builder maxBodyBytes(int value) {
      this.maxBodyBytes = value;
      return this;
    }

    /** Default {@link Broker#DEFAULT_MAX_REDELIVERIES}. */
    public Builder maxRedeliveries(int value) {
      this.maxRedeliveries = value;
      return this;
    }

    /** Default {@link Broker#DEFAULT_DEAD_LETTER_RETENTION}. */
    public Builder deadLetterRetention(Duration value) {
      this.deadLetterRetention = value;
      return this;
    }

    public RedisSettings build() {
      return new RedisSettings(
          url,
          keyPrefix,
          enqueueRetryWindow,
          commandTimeout,
          maxBodyBytes,
          maxRedeliveries,
          deadLetterRetention);
    }
  }
}

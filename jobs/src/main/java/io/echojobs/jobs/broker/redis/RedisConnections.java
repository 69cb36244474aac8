package io.echojobs.jobs.broker.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lettuce client of one Redis backend: one shared, auto-reconnecting connection for every
 * ordinary command, and dedicated connections on demand for commands that block (BLPOP). Works the
 * same on one server and on a cluster; callers see only the commands both have in common. Keys are
 * UTF-8 strings, values raw bytes. Thread-safe; {@link #close()} closes everything.
 *
 * <p>Idle connections that a managed server or a load balancer closes are noticed by TCP keepalive
 * and re-established by Lettuce's auto-reconnect; every new connection is checked with a PING
 * before it is used.
 */
public final class RedisConnections implements AutoCloseable {

  /** Keepalive probes start after this much idle time, well under common idle limits. */
  static final Duration KEEPALIVE_IDLE = Duration.ofSeconds(30);

  /** Reconnect attempts back off from this... */
  static final Duration RECONNECT_DELAY_MIN = Duration.ofMillis(10);

  /** ...to at most this, so a restarted server is found again within a second or two. */
  static final Duration RECONNECT_DELAY_MAX = Duration.ofSeconds(1);

  /** A cluster re-reads its topology this often, and at once on a redirect or disconnect. */
  static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final ClientResources resources;
  private final AbstractRedisClient client;
  private final StatefulConnection<String, byte[]> shared;
  private final RedisClusterCommands<String, byte[]> commands;
  private final RedisClusterAsyncCommands<String, byte[]> asyncCommands;
  private final Supplier<Link> links;
  private final boolean cluster;

  private RedisConnections(
      ClientResources resources,
      AbstractRedisClient client,
      StatefulConnection<String, byte[]> shared,
      RedisClusterCommands<String, byte[]> commands,
      RedisClusterAsyncCommands<String, byte[]> asyncCommands,
      Supplier<Link> links,
      boolean cluster) {
    this.resources = resources;
    this.client = client;
    this.shared = shared;
    this.commands = commands;
    this.asyncCommands = asyncCommands;
    this.links = links;
    this.cluster = cluster;
  }

  /**
   * Connects to the server or cluster of {@code settings}.
   *
   * @throws io.lettuce.core.RedisConnectionException when no server answers
   */
  public static RedisConnections open(RedisSettings settings) {
    RedisEndpoints endpoints = RedisEndpoints.parse(settings.url());
    endpoints.nodes().forEach(node -> node.setTimeout(settings.commandTimeout()));
    return endpoints.cluster() ? openCluster(endpoints, settings) : openSingle(endpoints);
  }

  /** The shared connection's commands; never use a blocking command on it. */
  public RedisClusterCommands<String, byte[]> commands() {
    return commands;
  }

  /** The shared connection's commands, asynchronous: to send one alongside another. */
  public RedisClusterAsyncCommands<String, byte[]> asyncCommands() {
    return asyncCommands;
  }

  /** A new connection of its own, for a blocking command; the caller closes it. */
  public Link openLink() {
    return links.get();
  }

  /** True when connected to a Redis Cluster rather than one server. */
  public boolean isCluster() {
    return cluster;
  }

  @Override
  public void close() {
    shared.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  private static RedisConnections openSingle(RedisEndpoints endpoints) {
    RedisURI uri = endpoints.nodes().getFirst();
    ClientResources resources = resources();
    RedisClient client = RedisClient.create(resources);
    client.setOptions(clientOptions(ClientOptions.builder()).build());
    try {
      StatefulRedisConnection<String, byte[]> shared = client.connect(CODEC, uri);
      Supplier<Link> links =
          () -> {
            StatefulRedisConnection<String, byte[]> own = client.connect(CODEC, uri);
            return new Link(own, own.async());
          };
      log.info(
          "connected to Redis endpoint={}:{} tls={}", uri.getHost(), uri.getPort(), uri.isSsl());
      return new RedisConnections(
          resources, client, shared, shared.sync(), shared.async(), links, false);
    } catch (RuntimeException e) {
      client.shutdown();
      resources.shutdown();
      throw e;
    }
  }

  private static RedisConnections openCluster(RedisEndpoints endpoints, RedisSettings settings) {
    ClientResources resources = resources();
    RedisClusterClient client = RedisClusterClient.create(resources, endpoints.nodes());
    ClusterTopologyRefreshOptions refresh =
        ClusterTopologyRefreshOptions.builder()
            .enablePeriodicRefresh(TOPOLOGY_REFRESH)
            .enableAllAdaptiveRefreshTriggers()
            .build();
    ClusterClientOptions.Builder options = ClusterClientOptions.builder();
    clientOptions(options);
    client.setOptions(options.topologyRefreshOptions(refresh).build());
    try {
      StatefulRedisClusterConnection<String, byte[]> shared = client.connect(CODEC);
      Function<StatefulRedisClusterConnection<String, byte[]>, Link> link =
          own -> new Link(own, own.async());
      log.info(
          "connected to Redis Cluster seeds={} timeout={}",
          endpoints.nodes().size(),
          settings.commandTimeout());
      return new RedisConnections(
          resources,
          client,
          shared,
          shared.sync(),
          shared.async(),
          () -> link.apply(client.connect(CODEC)),
          true);
    } catch (RuntimeException e) {
      client.shutdown();
      resources.shutdown();
      throw e;
    }
  }

  private static ClientResources resources() {
    return DefaultClientResources.builder()
        .reconnectDelay(
            Delay.exponential(RECONNECT_DELAY_MIN, RECONNECT_DELAY_MAX, 2, TimeUnit.MILLISECONDS))
        .build();
  }

  private static <B extends ClientOptions.Builder> B clientOptions(B builder) {
    SocketOptions socket =
        SocketOptions.builder()
            .keepAlive(
                SocketOptions.KeepAliveOptions.builder()
                    .enable()
                    .idle(KEEPALIVE_IDLE)
                    .interval(KEEPALIVE_IDLE.dividedBy(3))
                    .count(3)
                    .build())
            .build();
    builder
        .autoReconnect(true)
        .pingBeforeActivateConnection(true)
        .socketOptions(socket)
        .timeoutOptions(TimeoutOptions.enabled());
    return builder;
  }

  /**
   * A connection owned by one caller, for blocking commands.
   *
   * @param connection the connection, closed by {@link #close()}
   * @param commands its asynchronous commands
   */
  public record Link(
      StatefulConnection<String, byte[]> connection,
      RedisClusterAsyncCommands<String, byte[]> commands)
      implements AutoCloseable {

    @Override
    public void close() {
      connection.close();
    }
  }
}

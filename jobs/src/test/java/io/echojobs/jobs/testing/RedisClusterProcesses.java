package io.echojobs.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * A throwaway Redis Cluster of a test's own: a few {@link RedisServerProcess} masters without
 * replicas, joined by {@code redis-cli --cluster create}. Needs {@code redis-cli} on PATH ({@link
 * #available()}). Not thread-safe; one test class drives it.
 */
public final class RedisClusterProcesses implements AutoCloseable {

  private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);

  private final List<RedisServerProcess> nodes;

  private RedisClusterProcesses(List<RedisServerProcess> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /** True when {@code redis-cli} can be run to form a cluster. */
  public static boolean available() {
    try {
      Process probe = new ProcessBuilder("redis-cli", "--version").start();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts {@code size} masters and waits until the cluster reports state ok. */
  public static RedisClusterProcesses start(int size) {
    List<RedisServerProcess> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < size; i++) {
        Path dir = Files.createTempDirectory("redis-cluster-node-");
        nodes.add(
            RedisServerProcess.start(
                "--cluster-enabled", "yes",
                "--cluster-config-file", dir.resolve("nodes.conf").toString(),
                "--dir", dir.toString()));
      }
      RedisClusterProcesses cluster = new RedisClusterProcesses(nodes);
      cluster.form();
      return cluster;
    } catch (IOException e) {
      nodes.forEach(RedisServerProcess::close);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      nodes.forEach(RedisServerProcess::close);
      throw e;
    }
  }

  /** A {@code redis-cluster://} URL listing every node. */
  public String url() {
    return "redis-cluster://"
        + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
  }

  @Override
  public void close() {
    nodes.forEach(RedisServerProcess::close);
  }

  private void form() {
    List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    nodes.forEach(n -> command.add("127.0.0.1:" + n.port()));
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    run(command);
    Awaitility.await("cluster state ok")
        .atMost(FORM_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(this::allNodesReportOk);
  }

  private boolean allNodesReportOk() {
    for (RedisServerProcess node : nodes) {
      String info =
          run(List.of("redis-cli", "-p", Integer.toString(node.port()), "cluster", "info"));
      if (!info.contains("cluster_state:ok")) {
        return false;
      }
    }
    return true;
  }

  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(FORM_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          || process.exitValue() != 0) {
        throw new IllegalStateException(command + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }
}

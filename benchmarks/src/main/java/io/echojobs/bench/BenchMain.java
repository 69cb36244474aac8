package io.echojobs.bench;

import java.util.Map;
import java.util.concurrent.Callable;

/** Entry point of {@code ./bench <name>}: runs one benchmark, which prints its RESULT line. */
public final class BenchMain {

  private static final Map<String, Callable<BenchResult>> BENCHMARKS =
      Map.of(
          "memory-noop", new MemoryNoopBench()::run,
          "redis-noop", new RedisNoopBench()::run,
          "redis-latency", new RedisLatencyBench()::run);

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Callable<BenchResult> bench = args.length == 1 ? BENCHMARKS.get(args[0]) : null;
    if (bench == null) {
      System.err.println("usage: ./bench <name>; names: " + BENCHMARKS.keySet());
      System.exit(2);
    }
    BenchResult result = bench.call();
    System.out.println(result.line());
    System.exit(0);
  }
}

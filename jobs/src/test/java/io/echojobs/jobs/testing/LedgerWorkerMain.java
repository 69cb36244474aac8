package io.echojobs.jobs.testing;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.broker.redis.RedisBackend;
import io.echojobs.jobs.broker.redis.RedisSettings;
import io.echojobs.jobs.worker.Pool;
import io.echojobs.jobs.worker.Worker;
import io.echojobs.jobs.worker.WorkerOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;

/**
 * A worker process of its own for fault tests that kill it (see {@code WorkerKillTest}): it runs
 * the {@value #ACTOR} actor on queue {@value #QUEUE} of a Redis backend until it is stopped or
 * killed. The actor is idempotent and keeps a ledger beside the queue keys:
 *
 * <ul>
 *   <li>{@code <p>:ledger:runs}, a hash: ledger id -> runs started (counted before the work, so a
 *       run cut short by a kill counts too);
 *   <li>{@code <p>:ledger:effects}, a set: the ledger ids whose effect was applied;
 *   <li>{@code <p>:ledger:applied}, a counter: effects applied, bumped in the same script as the
 *       set only when the id was new, so a second run of a message applies nothing.
 * </ul>
 *
 * <p>Arguments: Redis URL, key prefix, lease ms, concurrency, work ms per message. Prints {@value
 * #STARTED} once the worker runs.
 */
public final class LedgerWorkerMain {

  public static final String ACTOR = "ledger";
  public static final String QUEUE = "ledger";
  public static final String STARTED = "ledger worker started";

  /** SADD and the applied counter in one step: a kill between them cannot split an effect. */
  private static final String APPLY_ONCE =
      "local added = redis.call('SADD', KEYS[1], ARGV[1])\n"
          + "if added == 1 then redis.call('INCR', KEYS[2]) end\n"
          + "return added";

  private LedgerWorkerMain() {}

  /** The actor's options, shared by the worker process and the test that sends. */
  public static ActorOptions actorOptions() {
    return ActorOptions.builder(ACTOR).queue(QUEUE).build();
  }

  public static String runsKey(String prefix) {
    return prefix + ":ledger:runs";
  }

  public static String effectsKey(String prefix) {
    return prefix + ":ledger:effects";
  }

  public static String appliedKey(String prefix) {
    return prefix + ":ledger:applied";
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 5) {
      System.err.println(
          "usage: LedgerWorkerMain <redis url> <key prefix> <lease ms>"
              + " <concurrency> <work ms>");
      System.exit(2);
    }
    String url = args[0];
    String prefix = args[1];
    Duration lease = Duration.ofMillis(Long.parseLong(args[2]));
    int concurrency = Integer.parseInt(args[3]);
    Duration work = Duration.ofMillis(Long.parseLong(args[4]));

    RedisClient client = RedisClient.create(url);
    StatefulRedisConnection<String, String> connection = client.connect();
    RedisCommands<String, String> ledger = connection.sync();
    Jobs jobs =
        Jobs.builder()
            .backend(RedisBackend.connect(RedisSettings.builder(url).keyPrefix(prefix).build()))
            .build();
    jobs.declare(
        actorOptions(),
        Entry.class,
        entry -> {
          ledger.hincrby(runsKey(prefix), entry.ledgerId(), 1);
          Thread.sleep(work); // the work a kill cuts short
          ledger.eval(
              APPLY_ONCE,
              ScriptOutputType.INTEGER,
              new String[] {effectsKey(prefix), appliedKey(prefix)},
              entry.ledgerId());
        });
    Worker worker =
        jobs.startWorker(
            WorkerOptions.builder()
                .queue(QUEUE, Pool.NETWORK, concurrency)
                .lease(lease)
                .fetchWait(Duration.ofMillis(200))
                .build());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.close();
                  jobs.close();
                  connection.close();
                  client.shutdown();
                }));
    System.out.println(STARTED + " worker=" + worker.id());
    System.out.flush();
    worker.awaitStop();
  }

  /** The actor's arguments: the id its effect is recorded under. */
  public record Entry(String ledgerId) {}
}

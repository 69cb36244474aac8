package io.echojobs.echo.app;

import io.echojobs.echo.api.ApiServer;
import io.echojobs.echo.pipeline.CatchUpJobs;
import io.echojobs.echo.pipeline.ConversationPipeline;
import io.echojobs.echo.pipeline.PipelineContext;
import io.echojobs.echo.progress.InMemoryProgressEvents;
import io.echojobs.echo.progress.ProgressEvents;
import io.echojobs.echo.progress.RedisProgressEvents;
import io.echojobs.echo.providers.Providers;
import io.echojobs.echo.storage.Storage;
import io.echojobs.jobs.Backend;
import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.broker.redis.RedisBackend;
import io.echojobs.jobs.broker.redis.RedisSettings;
import io.echojobs.jobs.schedule.InMemoryScheduleStateStore;
import io.echojobs.jobs.schedule.RedisScheduleStateStore;
import io.echojobs.jobs.schedule.ScheduleStateStore;
import io.echojobs.jobs.schedule.Scheduler;
import io.echojobs.jobs.worker.Worker;
import io.echojobs.jobs.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole application wired from the environment: the backend (Redis when {@code REDIS_URL}
 * is set, else in memory), PostgreSQL storage, the outside services, progress events, the
 * runtime with the pipeline's and catch-up actors declared. Each process kind (worker,
 * scheduler, api, all-in-one) starts the parts it runs from here. Closing it stops what it
 * started and closes the rest, in reverse order.
 */
public final class EchoApplication implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EchoApplication.class);

  private final EchoSettings settings;
  private final Clock clock;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Jobs jobs;
  private final Storage storage;
  private final PipelineContext context;
  private final ConversationPipeline pipeline;
  private final CatchUpJobs catchUps;
  private final ConversationService conversations;

  private EchoApplication(
      EchoSettings settings, Map<String, String> env, Path workingDirectory, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    Backend backend = settings.redisUrl()
        .map(url -> RedisBackend.connect(
            RedisSettings.builder(url).keyPrefix(settings.redisKeyPrefix()).build()))
        .orElseGet(() -> Backend.inMemory(clock));
    this.jobs = remember(Jobs.builder().backend(backend).clock(clock).build());
    this.storage = remember(Storage.start(env, workingDirectory));
    Providers providers = remember(Providers.fromEnvironment(env));
    ProgressEvents progress = remember(settings.redisUrl()
        .<ProgressEvents>map(RedisProgressEvents::new)
        .orElseGet(InMemoryProgressEvents::new));
    this.context = new PipelineContext(
        jobs, storage, backend.coordination(), providers, progress, clock);
    this.pipeline = new ConversationPipeline(context);
    this.catchUps = new CatchUpJobs(context, pipeline);
    this.conversations = new ConversationService(context, pipeline);
    log.info("echo application ready backend={} actors={}",
        settings.redisUrl().isPresent() ? "redis" : "in-memory", jobs.registry().all().size());
  }

  /**
   * Starts everything but the process parts (workers, scheduler, API).
   *
   * @throws EchoSettings.InvalidSettingsException and the storage and provider configuration
   *     exceptions, naming the variable that is wrong
   */
  public static EchoApplication start(
      Map<String, String> env, Path workingDirectory, Clock clock) {
    EchoSettings settings = EchoSettings.fromEnvironment(env);
    return new EchoApplication(settings, env, workingDirectory, clock);
  }

  public Worker startWorker(WorkerOptions options) {
    Worker worker = jobs.startWorker(options);
    resources.add(worker);
    return worker;
  }

  /** Starts the scheduler with the catch-up table; its state lives where the broker's does. */
  public Scheduler startScheduler(Path overrides) {
    Scheduler scheduler = scheduler(overrides);
    scheduler.start();
    return scheduler;
  }

  /**
   * The scheduler with the catch-up table, not started: for listing schedules and for pause,
   * resume and run-now, which act on the shared state that running schedulers read.
   */
  public Scheduler scheduler(Path overrides) {
    ScheduleStateStore store = settings.redisUrl()
        .<ScheduleStateStore>map(url ->
            RedisScheduleStateStore.open(url, settings.redisKeyPrefix() + ":sched:"))
        .orElseGet(() -> new InMemoryScheduleStateStore(clock));
    if (store instanceof AutoCloseable closeable) {
      resources.add(closeable);
    }
    Scheduler.Builder builder = Scheduler.builder(jobs)
        .schedules(CatchUpJobs.schedules())
        .store(store)
        .clock(clock);
    if (overrides != null) {
      builder.overrides(overrides);
    }
    Scheduler scheduler = builder.build();
    resources.add(scheduler);
    return scheduler;
  }

  /**
   * Starts the HTTP API.
   *
   * @param token the bearer token clients must send
   */
  public ApiServer startApi(int port, String token) throws java.io.IOException {
    ApiServer api = new ApiServer(port, token, conversations, context.progress(),
        storage.statuses(), ApiServer.DEFAULT_MAX_BODY_BYTES);
    api.start();
    resources.add(api);
    return api;
  }

  public EchoSettings settings() {
    return settings;
  }

  public Jobs jobs() {
    return jobs;
  }

  public Storage storage() {
    return storage;
  }

  public PipelineContext context() {
    return context;
  }

  public ConversationPipeline pipeline() {
    return pipeline;
  }

  public CatchUpJobs catchUps() {
    return catchUps;
  }

  public ConversationService conversations() {
    return conversations;
  }

  /** Registers something to close with the application; returns it. */
  public <T extends AutoCloseable> T remember(T resource) {
    resources.add(resource);
    return resource;
  }

  @Override
  public void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        log.warn("closing {} failed; going on with the rest",
            resources.get(i).getClass().getSimpleName(), e);
      }
    }
  }
}

package io.echojobs.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorFunction;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.actor.ActorProcedure;
import io.echojobs.jobs.actor.ActorRegistry;
import io.echojobs.jobs.actor.MessageSender;
import io.echojobs.jobs.broker.Broker;
import io.echojobs.jobs.broker.DeadLetter;
import io.echojobs.jobs.broker.EnqueueReceipt;
import io.echojobs.jobs.broker.Envelope;
import io.echojobs.jobs.group.GroupSend;
import io.echojobs.jobs.message.Json;
import io.echojobs.jobs.message.Message;
import io.echojobs.jobs.message.MessageCodec;
import io.echojobs.jobs.message.MessageIds;
import io.echojobs.jobs.message.MessageOptions;
import io.echojobs.jobs.middleware.Middleware;
import io.echojobs.jobs.middleware.StandardMiddleware;
import io.echojobs.jobs.results.ActorFailedException;
import io.echojobs.jobs.results.StoredResult;
import io.echojobs.jobs.worker.InlineRunner;
import io.echojobs.jobs.worker.MessageProcessor;
import io.echojobs.jobs.worker.PinningMonitor;
import io.echojobs.jobs.worker.Worker;
import io.echojobs.jobs.worker.WorkerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The runtime, and what users call: declare actors, send messages, build groups and pipelines,
 * wait for results, start workers. Thread-safe once built.
 *
 * <pre>{@code
 * Jobs jobs = Jobs.builder().backend(Backend.inMemory(Clock.systemUTC())).build();
 * Actor<Greet> greet = jobs.declare(ActorOptions.builder("greet").build(), Greet.class,
 *     args -> log.info("hello {}", args.name()));
 * greet.send(new Greet("Ada"));
 * try (Worker worker = jobs.startWorker(WorkerOptions.defaults())) { ... }
 * }</pre>
 */
public final class Jobs implements MessageSender, AutoCloseable {

  private final Backend backend;
  private final Clock clock;
  private final MessageCodec codec;
  private final ActorRegistry registry = new ActorRegistry();
  private final List<Middleware> middleware;
  private final MessageProcessor processor;
  private final InlineRunner inline;
  private final PinningMonitor pinning = new PinningMonitor(PinningMonitor.DEFAULT_THRESHOLD);

  private Jobs(Builder builder) {
    this.backend = Objects.requireNonNull(builder.backend, "backend");
    this.clock = builder.clock;
    this.codec = builder.codec;
    List<Middleware> chain = new ArrayList<>(StandardMiddleware.create(this));
    chain.addAll(builder.middleware);
    this.middleware = List.copyOf(chain);
    this.processor = new MessageProcessor(this);
    this.inline = builder.inline ? new InlineRunner(processor) : null;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Declares an actor whose return value is its result (stored when the actor stores results,
   * and passed to success callbacks). Fails at once on invalid options.
   */
  public <A> Actor<A> declareWithResult(
      ActorOptions options, Class<A> argumentType, ActorFunction<A> function) {
    return registry.declare(options, argumentType, function, this);
  }

  /** Declares an actor with no result. Fails at once on invalid options. */
  public <A> Actor<A> declare(
      ActorOptions options, Class<A> argumentType, ActorProcedure<A> procedure) {
    Objects.requireNonNull(procedure, "procedure");
    ActorFunction<A> function =
        arguments -> {
          procedure.perform(arguments);
          return null;
        };
    return registry.declare(options, argumentType, function, this);
  }

  @Override
  public Message newMessage(ActorOptions options, Object arguments) {
    JsonNode encoded = Json.mapper().valueToTree(arguments);
    return new Message(
        MessageIds.next(),
        options.queue(),
        options.name(),
        options.priority(),
        encoded,
        MessageOptions.NONE,
        clock.instant());
  }

  @Override
  public Message delayed(Message message, Duration delay) {
    return message.withOptions(message.options().withEta(clock.instant().plus(delay)));
  }

  /**
   * Stores a message in the broker (or, in inline mode, runs it now on this thread). Returns the
   * pending message's id, which is another message's when the unique key was taken.
   *
   * @throws io.echojobs.jobs.broker.BrokerUnavailableException if it could not be stored
   */
  @Override
  public String send(Message message) {
    Objects.requireNonNull(message, "message");
    Message toSend = message;
    for (Middleware each : middleware) {
      toSend = each.beforeEnqueue(toSend);
    }
    if (inline != null) {
      return inline.run(toSend);
    }
    EnqueueReceipt receipt = backend.broker().enqueue(envelopeOf(toSend));
    for (Middleware each : middleware) {
      each.afterEnqueue(toSend, receipt);
    }
    return receipt.messageId();
  }

  /** Sends {@code steps[0]} now; each later step is sent once the one before it succeeded. */
  public String pipeline(List<Message> steps) {
    if (steps == null || steps.isEmpty()) {
      throw new IllegalArgumentException("steps must hold at least one message");
    }
    Message first = steps.getFirst();
    List<Message> rest = steps.subList(1, steps.size());
    return send(first.withOptions(first.options().withPipeline(rest)));
  }

  /** Starts building a group of messages whose callbacks fire once every member has ended. */
  public GroupSend group(List<Message> members) {
    return new GroupSend(this, members);
  }

  /**
   * Waits for a stored result and converts it; the actor must store results.
   *
   * @throws ActorFailedException if the message failed for good
   * @throws io.echojobs.jobs.results.ResultTimeoutException if none arrived in time
   */
  public <T> T awaitResult(String messageId, Class<T> type, Duration timeout)
      throws InterruptedException {
    StoredResult result = backend.results().await(messageId, timeout);
    return switch (result) {
      case StoredResult.Success success -> Json.mapper().convertValue(success.value(), type);
      case StoredResult.Failure failure -> throw new ActorFailedException(messageId, failure);
    };
  }

  /** Sends a dead letter back to its queue with a fresh retry budget. */
  public boolean replayDeadLetter(String queue, String messageId) {
    Broker broker = backend.broker();
    for (DeadLetter letter : broker.deadLetters(queue, Integer.MAX_VALUE)) {
      if (letter.messageId().equals(messageId)) {
        byte[] body = letter.envelope().body();
        try {
          Message message = codec.decode(body);
          body = codec.encode(message.withOptions(message.options().withRetries(0, null)));
        } catch (RuntimeException undecodable) {
          // Replayed as it is: it will be dead-lettered again with the decoding error.
        }
        return broker.replay(queue, messageId, body);
      }
    }
    return false;
  }

  public Worker startWorker(WorkerOptions options) {
    Worker worker = new Worker(this, options);
    worker.start();
    return worker;
  }

  public Envelope envelopeOf(Message message) {
    return new Envelope(
        message.id(),
        message.queue(),
        message.priority(),
        message.options().eta(),
        message.options().uniqueKey(),
        codec.encode(message),
        message);
  }

  public ActorRegistry registry() {
    return registry;
  }

  public Backend backend() {
    return backend;
  }

  public Broker broker() {
    return backend.broker();
  }

  public Clock clock() {
    return clock;
  }

  public MessageCodec codec() {
    return codec;
  }

  public List<Middleware> middleware() {
    return middleware;
  }

  public MessageProcessor processor() {
    return processor;
  }

  public PinningMonitor pinningMonitor() {
    return pinning;
  }

  @Override
  public void close() {
    pinning.close();
    backend.close();
  }

  /** Builds {@link Jobs}; only the backend is required. */
  public static final class Builder {
    private Backend backend;
    private Clock clock = Clock.systemUTC();
    private MessageCodec codec = MessageCodec.standard();
    private final List<Middleware> middleware = new ArrayList<>();
    private boolean inline;

    private Builder() {}

    public Builder backend(Backend backend) {
      this.backend = backend;
      return this;
    }

    /** The clock for timestamps, etas and age limits; defaults to the system's UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder codec(MessageCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /** Adds middleware after the standard chain. */
    public Builder middleware(Middleware each) {
      this.middleware.add(Objects.requireNonNull(each, "middleware"));
      return this;
    }

    /**
     * Inline mode, for tests: {@code send} runs the message on the calling thread through the
     * whole processing chain, retries included (without waiting for backoff), and follow-up
     * messages run the same way. A message that ends in dead letters makes {@code send} throw.
     */
    public Builder inline(boolean inline) {
      this.inline = inline;
      return this;
    }

    public Jobs build() {
      if (backend == null) {
        backend = Backend.inMemory(clock);
      }
      return new Jobs(this);
    }
  }
}

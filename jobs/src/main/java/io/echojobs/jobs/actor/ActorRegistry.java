package io.echojobs.jobs.actor;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every actor declared in this process, by name. A name can be declared once; declaring it
 * again is a programming error reported at once.
 */
public final class ActorRegistry {

  private final Map<String, Actor<?>> actors = new ConcurrentHashMap<>();

  public <A> Actor<A> declare(
      ActorOptions options,
      Class<A> argumentType,
      ActorFunction<A> function,
      MessageSender sender) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(argumentType, "argumentType");
    Objects.requireNonNull(function, "function");
    Actor<A> actor = new Actor<>(options, argumentType, function, sender);
    Actor<?> previous = actors.putIfAbsent(options.name(), actor);
    if (previous != null) {
      throw new InvalidActorException(
          options.name(), List.of("name: an actor named '" + options.name() + "' already exists"));
    }
    return actor;
  }

  public Optional<Actor<?>> find(String name) {
    return Optional.ofNullable(actors.get(name));
  }

  public List<Actor<?>> all() {
    return actors.values().stream()
        .sorted(java.util.Comparator.comparing(Actor::name))
        .toList();
  }
}

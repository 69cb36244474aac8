package io.echojobs.jobs.actor;

/**
 * The code an actor runs: plain blocking code. It returns the result to store (or null) and
 * reports failure by throwing; the thrown type decides whether a retry is worth it.
 *
 * @param <A> the argument type, usually a record
 */
@FunctionalInterface
public interface ActorFunction<A> {

  Object perform(A arguments) throws Exception;
}

package io.echojobs.jobs.actor;

/** An {@link ActorFunction} with no result. */
@FunctionalInterface
public interface ActorProcedure<A> {

  void perform(A arguments) throws Exception;
}

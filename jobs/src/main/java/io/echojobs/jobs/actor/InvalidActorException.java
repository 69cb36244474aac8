package io.echojobs.jobs.actor;

import io.echojobs.jobs.JobsException;
import java.util.List;

/** An actor declared with options that cannot work; raised at declaration, never later. */
public final class InvalidActorException extends JobsException {

  private final String actor;
  private final List<String> problems;

  public InvalidActorException(String actor, List<String> problems) {
    super("actor '" + actor + "' is declared with invalid options: " + String.join("; ", problems));
    this.actor = actor;
    this.problems = List.copyOf(problems);
  }

  public String actor() {
    return actor;
  }

  /** One entry per invalid option, each starting with the option's name. */
  public List<String> problems() {
    return problems;
  }
}

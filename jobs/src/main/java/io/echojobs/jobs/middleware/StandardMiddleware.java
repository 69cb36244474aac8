package io.echojobs.jobs.middleware;

import io.echojobs.jobs.Jobs;
import java.util.List;

/** The middleware every runtime has, in the order their before-hooks run. */
public final class StandardMiddleware {

  private StandardMiddleware() {}

  public static List<Middleware> create(Jobs jobs) {
    FollowUps followUps = new FollowUps(jobs);
    return List.of(
        new MessageContext(),
        jobs.pinningMonitor(),
        new AgeLimit(jobs.clock()),
        new Results(jobs.backend().results()),
        new Callbacks(followUps),
        new Pipelines(followUps),
        new Groups(jobs.backend().groups(), followUps));
  }
}

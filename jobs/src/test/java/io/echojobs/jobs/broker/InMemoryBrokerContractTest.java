package io.echojobs.jobs.broker;

import io.echojobs.jobs.Backend;
import java.time.Clock;

class InMemoryBrokerContractTest extends BrokerContract {

  @Override
  protected Backend newBackend() {
    return Backend.inMemory(Clock.systemUTC());
  }
}

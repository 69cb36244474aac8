package io.echojobs.jobs.worker;

/** Which threads run a queue's messages. */
public enum Pool {
  /** One virtual thread per message: for I/O-bound actors, hundreds at once. */
  NETWORK,
  /** A few platform threads: for compute-bound actors, which would starve virtual threads. */
  CPU
}

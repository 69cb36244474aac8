package io.echojobs.jobs.broker.redis;

/**
 * The keys of one queue, in the order every queue script receives them (see {@code
 * queue-common.lua}). All share the hash tag {@code {q:<queue>}}, so a cluster keeps a queue on one
 * node and a script may touch all of them. The layout is documented in {@code KEYSPACE.md}.
 */
final class QueueKeys {

  private static final String[] PARTS = {
    "ready",
    "delayed",
    "inflight",
    "bodies",
    "meta",
    "leases",
    "redeliveries",
    "unique",
    "seq",
    "dead",
    "dead-bodies",
    "dead-meta",
    "signal",
    "ready-since"
  };

  /** Where {@link #of} puts the list a waiting fetch blocks on (enqueue pushes a token to it). */
  static final int SIGNAL = 12;

  private QueueKeys() {}

  /** The fourteen keys of {@code queue}, for a script's KEYS. */
  static String[] of(String prefix, String queue) {
    String base = prefix + ":{q:" + queue + "}:";
    String[] keys = new String[PARTS.length];
    for (int i = 0; i < PARTS.length; i++) {
      keys[i] = base + PARTS[i];
    }
    return keys;
  }

  /** The set of every queue name that has held a message. */
  static String queueNames(String prefix) {
    return prefix + ":queues";
  }
}

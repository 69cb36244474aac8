package io.echojobs.jobs.schedule;

/**
 * The Lua scripts of {@link RedisScheduleStateStore}, one per atomic step. Each touches a single
 * key, so they run unchanged on Redis Cluster.
 *
 * <p>Keyspace, all under the store's prefix (default {@code ej:sched:}):
 *
 * <table>
 *   <caption>Redis keys of the scheduler</caption>
 *   <tr><th>key</th><th>type</th><th>written by</th><th>TTL</th></tr>
 *   <tr><td>{@code <prefix>state:<schedule id>}</td><td>hash: {@code cursor}, {@code last_fire},
 *       {@code pending}, {@code pending_since} (epoch milliseconds), {@code paused} (1 when
 *       paused), {@code misfires} (count)</td><td>the active scheduler; pause/resume callers</td>
 *       <td>none: a schedule's state outlives restarts and deploys</td></tr>
 *   <tr><td>{@code <prefix>leader}</td><td>string: the owner token of the active
 *       scheduler</td><td>every scheduler, through acquire/renew/release</td><td>the lease TTL
 *       (default 5 s), renewed about once a second by the holder</td></tr>
 * </table>
 */
final class RedisScheduleScripts {

  /**
   * KEYS[1] state hash. ARGV[1] expected cursor ('' = none yet), ARGV[2] new cursor, ARGV[3] tick
   * to fire ('' = none), ARGV[4] ticks skipped, ARGV[5] claimed at. Returns 1 if applied.
   */
  static final String CLAIM =
      """
      local cursor = redis.call('HGET', KEYS[1], 'cursor') or ''
      if cursor ~= ARGV[1] then return 0 end
      if ARGV[3] ~= '' then
        if redis.call('HEXISTS', KEYS[1], 'pending') == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'last_fire', ARGV[3], 'pending', ARGV[3],
          'pending_since', ARGV[5])
      end
      redis.call('HSET', KEYS[1], 'cursor', ARGV[2])
      if tonumber(ARGV[4]) > 0 then redis.call('HINCRBY', KEYS[1], 'misfires', ARGV[4]) end
      return 1
      """;

  /** KEYS[1] state hash. ARGV[1] the confirmed tick. Clears the pending fire if it is that tick. */
  static final String CONFIRM =
      """
      if redis.call('HGET', KEYS[1], 'pending') == ARGV[1] then
        redis.call('HDEL', KEYS[1], 'pending', 'pending_since')
        return 1
      end
      return 0
      """;

  /** KEYS[1] state hash. ARGV[1] now. Unpauses and moves the cursor to at least now. */
  static final String RESUME =
      """
      redis.call('HDEL', KEYS[1], 'paused')
      local cursor = redis.call('HGET', KEYS[1], 'cursor')
      if (not cursor) or tonumber(cursor) < tonumber(ARGV[1]) then
        redis.call('HSET', KEYS[1], 'cursor', ARGV[1])
      end
      return 1
      """;

  /** KEYS[1] lease. ARGV[1] owner, ARGV[2] TTL ms. Takes a free lease or extends one's own. */
  static final String ACQUIRE =
      """
      local holder = redis.call('GET', KEYS[1])
      if holder == ARGV[1] then
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
      end
      if holder then return 0 end
      redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
      return 1
      """;

  /** KEYS[1] lease. ARGV[1] owner, ARGV[2] TTL ms. Extends the lease only for its owner. */
  static final String RENEW =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
      end
      return 0
      """;

  /** KEYS[1] lease. ARGV[1] owner. Deletes the lease only for its owner. */
  static final String RELEASE =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        return redis.call('DEL', KEYS[1])
      end
      return 0
      """;

  private RedisScheduleScripts() {}
}

/**
 * The scheduler: a cron table whose ticks each send one message, and nothing more.
 *
 * <h2>How a tick goes out</h2>
 *
 * <ol>
 *   <li>Each pass (about once a second, or one {@link io.echojobs.jobs.schedule.Scheduler#tick()}
 *       call in tests) first renews or takes the leader lease; a scheduler without it does nothing.
 *   <li>For each enabled schedule, {@link io.echojobs.jobs.schedule.TickPlan} lists the ticks due
 *       since the schedule's cursor and decides which fire, coalesce or are skipped as misfires.
 *   <li>Each step is claimed with a compare-and-set on the cursor, which also records the fired
 *       tick as pending; only then is the message sent, with the unique key {@code
 *       schedule:<id>:<tick epoch millis>}; then the pending tick is confirmed.
 *   <li>A tick still pending after {@code pendingRepairAfter} (its sender died or the broker
 *       failed) is sent again by whichever scheduler leads; the unique key keeps a second copy out
 *       while the first message is still queued.
 * </ol>
 *
 * <h2>Configuration reference</h2>
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>misfire grace, per schedule</td><td>{@link
 *       io.echojobs.jobs.schedule.Schedule#DEFAULT_MISFIRE_GRACE} (60 s)</td></tr>
 *   <tr><td>coalesce, per schedule</td><td>{@link
 *       io.echojobs.jobs.schedule.Schedule#DEFAULT_COALESCE} (on)</td></tr>
 *   <tr><td>cron time zone</td><td>UTC</td></tr>
 *   <tr><td>lease TTL</td><td>{@link io.echojobs.jobs.schedule.Scheduler#DEFAULT_LEASE_TTL}
 *       (5 s)</td></tr>
 *   <tr><td>pass interval</td><td>{@link
 *       io.echojobs.jobs.schedule.Scheduler#DEFAULT_PASS_INTERVAL} (1 s)</td></tr>
 *   <tr><td>pending repair after</td><td>{@link
 *       io.echojobs.jobs.schedule.Scheduler#DEFAULT_PENDING_REPAIR_AFTER} (10 s)</td></tr>
 *   <tr><td>Redis key prefix</td><td>{@link
 *       io.echojobs.jobs.schedule.RedisScheduleStateStore#DEFAULT_PREFIX}</td></tr>
 * </table>
 *
 * <p>The override file's format is described on {@link
 * io.echojobs.jobs.schedule.ScheduleOverrides}; the Redis keyspace beside the scripts in {@code
 * RedisScheduleScripts}.
 *
 * <h2>Known limits</h2>
 *
 * <ul>
 *   <li>A scheduler that dies after the broker stored a tick's message but before confirming it
 *       leaves the tick pending; if a worker has already finished that message when the repair
 *       runs, the unique key is free again and the tick runs twice. The window is one round trip.
 *   <li>The state of a schedule removed from the table stays in Redis; it is small and harmless.
 *   <li>Ticks are evaluated at millisecond precision; interval and one-date triggers are cut to
 *       whole milliseconds.
 * </ul>
 */
package io.echojobs.jobs.schedule;

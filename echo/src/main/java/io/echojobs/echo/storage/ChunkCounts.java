package io.echojobs.echo.storage;

/**
 * How many chunks of one conversation are in each state, counted over all of them.
 *
 * @param pending neither transcript nor error yet
 * @param ok transcribed without error
 * @param error failed (an error counts even when a transcript is also present)
 */
public record ChunkCounts(long pending, long ok, long error) {

  /** All chunks of the conversation. */
  public long total() {
    return pending + ok + error;
  }
}

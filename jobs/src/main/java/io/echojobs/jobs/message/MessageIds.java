package io.echojobs.jobs.message;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Message ids: UUID version 7 (time-ordered), so ids sort roughly by creation and index well.
 * Uses a thread-local random instead of {@link UUID#randomUUID()}, whose shared secure random
 * becomes a point of contention at hundreds of thousands of sends per second; ids need to be
 * unique, not unguessable.
 */
public final class MessageIds {

  private MessageIds() {}

  public static String next() {
    long millis = System.currentTimeMillis();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}

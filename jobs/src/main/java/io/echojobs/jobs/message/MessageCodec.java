package io.echojobs.jobs.message;

/**
 * Turns messages into bytes for a broker and back. Implementations are thread-safe.
 *
 * <p>{@link #decode} throws {@link MessageDecodingException} for anything that is not a message;
 * the worker dead-letters such a payload with that reason and keeps running.
 */
public interface MessageCodec {

  byte[] encode(Message message);

  Message decode(byte[] body);

  /** The default codec: JSON, compressed with LZ4 frames above a small size. */
  static MessageCodec standard() {
    return new Lz4MessageCodec();
  }
}

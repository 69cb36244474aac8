package io.echojobs.jobs.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * JSON in an LZ4 frame (the format the original system stored). Small messages are written as
 * plain JSON because a frame's header costs more than it saves on them; the decoder tells the
 * two apart by the frame's magic number, so it reads plain JSON written by anyone.
 */
public final class Lz4MessageCodec implements MessageCodec {

  /** Below this many JSON bytes compression does not pay for its header and CPU. */
  public static final int DEFAULT_COMPRESSION_THRESHOLD_BYTES = 512;

  private static final byte[] FRAME_MAGIC = {0x04, 0x22, 0x4D, 0x18};

  private final JsonMessageCodec json = new JsonMessageCodec();
  private final int compressionThresholdBytes;

  public Lz4MessageCodec() {
    this(DEFAULT_COMPRESSION_THRESHOLD_BYTES);
  }

  /** @param compressionThresholdBytes 0 compresses every message */
  public Lz4MessageCodec(int compressionThresholdBytes) {
    if (compressionThresholdBytes < 0) {
      throw new IllegalArgumentException(
          "compressionThresholdBytes must be >= 0, was " + compressionThresholdBytes);
    }
    this.compressionThresholdBytes = compressionThresholdBytes;
  }

  @Override
  public byte[] encode(Message message) {
    byte[] plain = json.encode(message);
    if (plain.length < compressionThresholdBytes) {
      return plain;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 32);
    try (LZ4FrameOutputStream frame = new LZ4FrameOutputStream(out)) {
      frame.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException("LZ4 compression of message " + message.id() + " failed", e);
    }
    return out.toByteArray();
  }

  @Override
  public Message decode(byte[] body) {
    if (!isFrame(body)) {
      return json.decode(body);
    }
    try (LZ4FrameInputStream frame = new LZ4FrameInputStream(new ByteArrayInputStream(body))) {
      return json.decode(frame.readAllBytes());
    } catch (IOException | RuntimeException e) {
      if (e instanceof MessageDecodingException decodingFailure) {
        throw decodingFailure;
      }
      throw new MessageDecodingException("corrupt LZ4 frame: " + e.getMessage(), e);
    }
  }

  static boolean isFrame(byte[] body) {
    if (body == null || body.length < FRAME_MAGIC.length) {
      return false;
    }
    for (int i = 0; i < FRAME_MAGIC.length; i++) {
      if (body[i] != FRAME_MAGIC[i]) {
        return false;
      }
    }
    return true;
  }
}

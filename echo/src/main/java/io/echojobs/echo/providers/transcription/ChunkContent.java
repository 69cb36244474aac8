package io.echojobs.echo.providers.transcription;

import java.util.Objects;

/**
 * What a conversation chunk holds: typed text, which is its own transcript, or recorded audio,
 * which needs a transcription service.
 */
public sealed interface ChunkContent {

  /**
   * A text chunk.
   *
   * @param text what the participant typed
   */
  record Text(String text) implements ChunkContent {

    public Text {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
      return "Text[chars=" + text.length() + "]";
    }
  }

  /**
   * An audio chunk.
   *
   * @param bytes the encoded audio file, not copied
   * @param fileName its file name, such as {@code chunk-3.mp3}
   * @param mimeType its media type, such as {@code audio/mpeg}
   */
  record Audio(byte[] bytes, String fileName, String mimeType) implements ChunkContent {

    public Audio {
      Objects.requireNonNull(bytes, "bytes");
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(mimeType, "mimeType");
    }

    @Override
    public String toString() {
      return "Audio[fileName="
          + fileName
          + ", mimeType="
          + mimeType
          + ", bytes="
          + bytes.length
          + "]";
    }
  }
}

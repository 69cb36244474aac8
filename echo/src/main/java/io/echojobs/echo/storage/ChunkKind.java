package io.echojobs.echo.storage;

/** What a chunk carries: typed text (its own transcript) or audio to transcribe. */
public enum ChunkKind {
  TEXT("text"),
  AUDIO("audio");

  private final String column;

  ChunkKind(String column) {
    this.column = column;
  }

  /** The value stored in {@code conversation_chunk.kind}. */
  String column() {
    return column;
  }

  static ChunkKind ofColumn(String value) {
    return switch (value) {
      case "text" -> TEXT;
      case "audio" -> AUDIO;
      default -> throw new StorageException("unknown chunk kind in the database: " + value);
    };
  }
}

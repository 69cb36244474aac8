package io.echojobs.echo.storage;

/** Where a chunk stands: waiting for a transcription, transcribed, or failed. */
public enum ChunkState {
  PENDING,
  OK,
  ERROR
}

package io.echojobs.echo.providers;

import java.util.Objects;

/**
 * One chunk's audio to transcribe.
 *
 * @param audio the encoded audio file's bytes, not copied (callers must not change them)
 * @param fileName the file name sent to the service, whose extension some services use to guess the
 *     format, such as {@code chunk-3.mp3}
 * @param mimeType the audio's media type, such as {@code audio/mpeg}
 * @param language the spoken language as an ISO 639-1 code; empty lets the service detect it
 * @param prompt the key-term prompt that steers spelling of names and jargon; empty when none
 */
public record TranscriptionRequest(
    byte[] audio, String fileName, String mimeType, String language, String prompt) {

  public TranscriptionRequest {
    Objects.requireNonNull(audio, "audio");
    if (audio.length == 0) {
      throw new IllegalArgumentException("audio: must not be empty");
    }
    requireText(fileName, "fileName");
    requireText(mimeType, "mimeType");
    language = language == null ? "" : language.strip();
    prompt = prompt == null ? "" : prompt.strip();
  }

  @Override
  public String toString() {
    return "TranscriptionRequest[fileName="
        + fileName
        + ", mimeType="
        + mimeType
        + ", bytes="
        + audio.length
        + ", language="
        + language
        + "]";
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + ": must not be blank");
    }
  }
}

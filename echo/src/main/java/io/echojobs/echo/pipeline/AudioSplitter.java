package io.echojobs.echo.pipeline;

import io.echojobs.echo.storage.AudioPart;
import io.echojobs.echo.storage.ChunkAudio;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Normalises and splits audio with the JDK's own sound API, so the embedded default needs no
 * ffmpeg. WAV (16-bit PCM) audio is normalised to 16-bit mono little-endian PCM, keeping its
 * sample rate, and cut at frame boundaries into parts of at most the given length. Other formats
 * (MP3, WebM, 8-bit or float WAV) have no converter in the JDK: {@link #split} returns no parts
 * for them, they stay as they are, and the transcription service decides what to do with them.
 */
final class AudioSplitter {

  static final String WAV = "audio/wav";

  private AudioSplitter() {}

  /** The normalised parts, in order; empty when the audio is not in a format it converts. */
  static List<AudioPart> split(ChunkAudio audio, Duration maxPart) {
    if (!isWav(audio.contentType())) {
      return List.of();
    }
    try (AudioInputStream decoded =
        AudioSystem.getAudioInputStream(new ByteArrayInputStream(audio.bytes()))) {
      AudioFormat source = decoded.getFormat();
      if (source.getEncoding() != AudioFormat.Encoding.PCM_SIGNED
          || source.getSampleSizeInBits() != 16) {
        return List.of();
      }
      byte[] mono = toMono16(decoded.readAllBytes(), source);
      AudioFormat target = new AudioFormat(source.getSampleRate(), 16, 1, true, false);
      long framesPerPart =
          Math.max(1, (long) (maxPart.toMillis() / 1000.0 * source.getSampleRate()));
      List<AudioPart> parts = new ArrayList<>();
      long frames = mono.length / 2;
      for (long start = 0; start < frames; start += framesPerPart) {
        long count = Math.min(framesPerPart, frames - start);
        byte[] wav = encode(mono, (int) start * 2, (int) count * 2, target);
        Duration offset = Duration.ofMillis((long) (start * 1000.0 / source.getSampleRate()));
        parts.add(new AudioPart(offset, new ChunkAudio(WAV, wav)));
      }
      return parts;
    } catch (UnsupportedAudioFileException | IOException e) {
      // Labelled WAV but not readable as one: let the transcription service judge it.
      return List.of();
    }
  }

  /** The length of WAV audio, or zero when it is not readable WAV. */
  static Duration durationOf(ChunkAudio audio) {
    if (!isWav(audio.contentType())) {
      return Duration.ZERO;
    }
    try (AudioInputStream decoded =
        AudioSystem.getAudioInputStream(new ByteArrayInputStream(audio.bytes()))) {
      long frames = decoded.getFrameLength();
      float rate = decoded.getFormat().getFrameRate();
      return frames <= 0 || rate <= 0
          ? Duration.ZERO
          : Duration.ofMillis((long) (frames * 1000.0 / rate));
    } catch (UnsupportedAudioFileException | IOException e) {
      return Duration.ZERO;
    }
  }

  static boolean isWav(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("audio/wav") || type.startsWith("audio/x-wav")
        || type.startsWith("audio/wave") || type.startsWith("audio/vnd.wave");
  }

  private static byte[] toMono16(byte[] pcm, AudioFormat format) {
    int channels = format.getChannels();
    boolean bigEndian = format.isBigEndian();
    int frames = pcm.length / (2 * channels);
    byte[] mono = new byte[frames * 2];
    for (int frame = 0; frame < frames; frame++) {
      int sum = 0;
      for (int channel = 0; channel < channels; channel++) {
        int at = (frame * channels + channel) * 2;
        int sample = bigEndian
            ? (short) ((pcm[at] << 8) | (pcm[at + 1] & 0xFF))
            : (short) ((pcm[at + 1] << 8) | (pcm[at] & 0xFF));
        sum += sample;
      }
      short averaged = (short) (sum / channels);
      mono[frame * 2] = (byte) averaged;
      mono[frame * 2 + 1] = (byte) (averaged >> 8);
    }
    return mono;
  }

  private static byte[] encode(byte[] mono, int offset, int length, AudioFormat format)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 64);
    try (AudioInputStream part =
        new AudioInputStream(
            new ByteArrayInputStream(mono, offset, length), format, length / 2)) {
      AudioSystem.write(part, AudioFileFormat.Type.WAVE, out);
    }
    return out.toByteArray();
  }
}

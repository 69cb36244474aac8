package io.echojobs.echo.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Real WAV files for tests: a 440 Hz tone, 16-bit PCM. */
public final class TestAudio {

  private TestAudio() {}

  public static byte[] toneWav(Duration length, float sampleRate, int channels) {
    int frames = (int) (length.toMillis() * sampleRate / 1000);
    byte[] pcm = new byte[frames * channels * 2];
    for (int frame = 0; frame < frames; frame++) {
      short sample = (short) (Math.sin(2 * Math.PI * 440 * frame / sampleRate) * 8000);
      for (int channel = 0; channel < channels; channel++) {
        int at = (frame * channels + channel) * 2;
        pcm[at] = (byte) sample;
        pcm[at + 1] = (byte) (sample >> 8);
      }
    }
    AudioFormat format = new AudioFormat(sampleRate, 16, channels, true, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AudioInputStream in =
        new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}

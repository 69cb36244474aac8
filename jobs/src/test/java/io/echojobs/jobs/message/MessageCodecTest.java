package io.echojobs.jobs.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

  private final Message message =
      new Message(
          MessageIds.next(),
          "network",
          "transcribe",
          5,
          JsonNodeFactory.instance.objectNode()
              .put("chunk_id", "c-1")
              .put("text", "x".repeat(2000)),
          MessageOptions.NONE
              .withRetries(2, "boom")
              .withEta(Instant.parse("2026-01-01T00:00:00Z"))
              .withUniqueKey("k"),
          Instant.parse("2025-12-31T23:59:59.123Z"));

  @Test
  void jsonRoundTripsEveryField() {
    JsonMessageCodec codec = new JsonMessageCodec();

    Message decoded = codec.decode(codec.encode(message));

    assertThat(decoded).isEqualTo(message);
  }

  @Test
  void lz4CompressesLargeMessagesIntoAFrameAndReadsThemBack() {
    Lz4MessageCodec codec = new Lz4MessageCodec();

    byte[] encoded = codec.encode(message);

    assertThat(Lz4MessageCodec.isFrame(encoded)).isTrue();
    assertThat(encoded.length).isLessThan(new JsonMessageCodec().encode(message).length);
    assertThat(codec.decode(encoded)).isEqualTo(message);
  }

  @Test
  void theLz4DecoderAlsoReadsPlainJson() {
    byte[] plain = new JsonMessageCodec().encode(message);

    assertThat(new Lz4MessageCodec().decode(plain)).isEqualTo(message);
  }

  @Test
  void bytesThatAreNotAMessageFailWithADecodingError() {
    Lz4MessageCodec codec = new Lz4MessageCodec();
    List<byte[]> garbage =
        List.of(
            new byte[0],
            "null".getBytes(StandardCharsets.UTF_8),
            "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8),
            "not json".getBytes(StandardCharsets.UTF_8),
            new byte[] {0x04, 0x22, 0x4D, 0x18, 1, 2, 3});

    for (byte[] bytes : garbage) {
      assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(MessageDecodingException.class);
    }
  }
}

package io.echojobs.jobs.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/** Plain JSON: readable with redis-cli, about twice the size of the compressed form. */
public final class JsonMessageCodec implements MessageCodec {

  @Override
  public byte[] encode(Message message) {
    try {
      return Json.mapper().writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("message " + message.id() + " cannot be encoded", e);
    }
  }

  @Override
  public Message decode(byte[] body) {
    if (body == null || body.length == 0) {
      throw new MessageDecodingException("empty payload", null);
    }
    try {
      Message message = Json.mapper().readValue(body, Message.class);
      if (message == null) {
        throw new MessageDecodingException("payload is JSON null", null);
      }
      return message;
    } catch (IOException | RuntimeException e) {
      if (e instanceof MessageDecodingException decodingFailure) {
        throw decodingFailure;
      }
      throw new MessageDecodingException("payload is not a message: " + firstLine(e), e);
    }
  }

  private static String firstLine(Exception e) {
    String text = String.valueOf(e.getMessage());
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}

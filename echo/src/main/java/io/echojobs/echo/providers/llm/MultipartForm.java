package io.echojobs.echo.providers.llm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Builds a {@code multipart/form-data} body (RFC 7578) in memory: text fields and one file. Not
 * thread-safe; one instance per request.
 */
final class MultipartForm {

  private static final String LINE_END = "\r\n";

  private final String boundary = "echo-jobs-" + UUID.randomUUID();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  /** The value of the request's {@code Content-Type} header. */
  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  MultipartForm field(String name, String value) {
    write("--" + boundary + LINE_END);
    write("Content-Disposition: form-data; name=\"" + quoted(name) + "\"" + LINE_END);
    write("Content-Type: text/plain; charset=UTF-8" + LINE_END + LINE_END);
    write(value + LINE_END);
    return this;
  }

  MultipartForm file(String name, String fileName, String mimeType, byte[] content) {
    write("--" + boundary + LINE_END);
    write(
        "Content-Disposition: form-data; name=\""
            + quoted(name)
            + "\"; filename=\""
            + quoted(fileName)
            + "\""
            + LINE_END);
    write("Content-Type: " + mimeType + LINE_END + LINE_END);
    body.writeBytes(content);
    write(LINE_END);
    return this;
  }

  /** Closes the form and returns its bytes; the form must not be used afterwards. */
  byte[] finish() {
    write("--" + boundary + "--" + LINE_END);
    return body.toByteArray();
  }

  private void write(String text) {
    body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Header parameters cannot hold quotes or line breaks; replace them rather than break out. */
  private static String quoted(String value) {
    return value.replace("\"", "'").replace("\r", " ").replace("\n", " ");
  }
}

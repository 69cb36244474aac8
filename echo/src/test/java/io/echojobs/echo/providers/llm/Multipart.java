package io.echojobs.echo.providers.llm;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a multipart/form-data body the way a server would, for checking what a client sent. */
public final class Multipart {

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");
  private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");
  private static final Pattern CONTENT_TYPE = Pattern.compile("(?im)^content-type: *(.+)$");

  /**
   * One part.
   *
   * @param fileName the file name, null for a plain field
   * @param contentType the part's content type, null when absent
   * @param content the part's bytes
   */
  public record Part(String fileName, String contentType, byte[] content) {

    public String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private Multipart() {}

  static Map<String, Part> parse(String contentType, byte[] body) {
    Matcher boundary = BOUNDARY.matcher(contentType);
    if (!boundary.find()) {
      throw new IllegalArgumentException("no boundary in " + contentType);
    }
    // ISO-8859-1 maps every byte to one char, so binary file content survives the round trip.
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary.group(1);
    Map<String, Part> parts = new LinkedHashMap<>();
    for (String chunk : text.split(Pattern.quote(delimiter))) {
      if (chunk.isEmpty() || chunk.startsWith("--")) {
        continue;
      }
      int headersEnd = chunk.indexOf("\r\n\r\n");
      String headers = chunk.substring(0, headersEnd);
      String content = chunk.substring(headersEnd + 4, chunk.length() - 2);
      parts.put(
          group(NAME, headers),
          new Part(
              group(FILE_NAME, headers),
              group(CONTENT_TYPE, headers),
              content.getBytes(StandardCharsets.ISO_8859_1)));
    }
    return parts;
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.group(1).strip() : null;
  }
}

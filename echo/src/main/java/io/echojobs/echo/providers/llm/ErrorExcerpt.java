package io.echojobs.echo.providers.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Shortens a service's error response to the part a person needs: the {@code error.message}, {@code
 * type} and {@code code} of the OpenAI error shape (also LiteLLM's, vLLM's and Gemini's, which
 * wraps it in an array), FastAPI's {@code detail} (only the {@code msg} of validation errors, which
 * also echo the input), or else the raw text of a body that is not JSON (a proxy's HTML page), with
 * whitespace collapsed and cut to {@value #MAX_CHARS} characters. JSON of any other shape is
 * described, not quoted, since it may echo the request.
 */
final class ErrorExcerpt {

  /** The longest excerpt kept in an exception message. */
  static final int MAX_CHARS = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorExcerpt() {}

  static String of(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    return shorten(fromJson(body));
  }

  static String shorten(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_CHARS ? flat : flat.substring(0, MAX_CHARS) + "…";
  }

  private static String fromJson(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return body;
    }
    if (root == null) {
      return body;
    }
    if (root.isArray() && !root.isEmpty()) {
      root = root.get(0);
    }
    JsonNode error = root.path("error");
    if (error.isObject()) {
      return describe(error);
    }
    if (error.isTextual()) {
      return error.asText();
    }
    if (root.path("detail").isArray()) {
      return validationMessages(root.path("detail"));
    }
    for (String field : new String[] {"detail", "message"}) {
      if (root.path(field).isTextual()) {
        return root.path(field).asText();
      }
    }
    // Unknown JSON may echo the request (a transcript); say what it is rather than quote it.
    return "(JSON error body without a message, " + body.length() + " chars)";
  }

  /** FastAPI's validation errors: only each {@code msg}, never the {@code input} it echoes. */
  private static String validationMessages(JsonNode details) {
    StringBuilder text = new StringBuilder();
    for (JsonNode detail : details) {
      if (detail.path("msg").isTextual()) {
        text.append(text.isEmpty() ? "" : "; ").append(detail.path("msg").asText());
      }
    }
    return text.isEmpty() ? "(validation error without a message)" : text.toString();
  }

  private static String describe(JsonNode error) {
    StringBuilder text = new StringBuilder(error.path("message").asText("(no message)"));
    for (String field : new String[] {"type", "code"}) {
      JsonNode value = error.path(field);
      if (!value.isMissingNode() && !value.isNull() && !value.asText().isBlank()) {
        text.append(' ').append(field).append('=').append(value.asText());
      }
    }
    return text.toString();
  }
}

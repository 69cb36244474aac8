package io.echojobs.echo.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.echojobs.jobs.message.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON request body with field-by-field validation, so that a client learns exactly which
 * field is missing or of the wrong type, and an unknown field (a typo) is refused rather than
 * ignored.
 */
final class JsonBody {

  private final JsonNode root;

  private JsonBody(JsonNode root) {
    this.root = root;
  }

  static JsonBody parse(byte[] body, Set<String> allowedFields) {
    JsonNode root;
    try {
      root = body.length == 0 ? null : Json.mapper().readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest("body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw ApiException.badRequest("body must be a JSON object");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowedFields.contains(name)) {
        throw ApiException.badRequest(
            "unknown field '" + name + "'; allowed: " + String.join(", ", allowedFields));
      }
    }
    return new JsonBody(root);
  }

  String requiredText(String field, int maxLength) {
    return optionalText(field, maxLength)
        .orElseThrow(() -> ApiException.badRequest(field + ": required, a non-empty string"));
  }

  Optional<String> optionalText(String field, int maxLength) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(field + ": must be a string");
    }
    String text = value.asText();
    if (text.isBlank()) {
      throw ApiException.badRequest(field + ": must not be empty");
    }
    if (text.length() > maxLength) {
      throw ApiException.badRequest(field + ": at most " + maxLength + " characters");
    }
    return Optional.of(text);
  }

  Optional<Boolean> optionalBoolean(String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      throw ApiException.badRequest(field + ": must be true or false");
    }
    return Optional.of(value.asBoolean());
  }

  Optional<Instant> optionalInstant(String field) {
    return optionalText(field, 64).map(text -> {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest(
            field + ": must be an ISO-8601 instant such as 2026-01-31T10:15:30Z");
      }
    });
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}

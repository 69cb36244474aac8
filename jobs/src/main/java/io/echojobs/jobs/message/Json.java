package io.echojobs.jobs.message;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON configuration of the runtime, in two strengths.
 *
 * <p>The {@link #mapper()} reads messages and results leniently: an unknown field (written by a
 * newer version) is ignored, and an absent optional field is null; required fields are checked
 * by the records themselves. Actor arguments are read by {@link #argumentReader} strictly, on
 * purpose: an unknown field, a missing record component or a null for a primitive is an argument
 * that does not bind, and the message goes to dead letters with the reason instead of running
 * with a guessed value.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .build();

  private Json() {}

  /** The shared mapper; thread-safe once configured, never reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A strict reader for an actor's argument type; built once per type. */
  public static ObjectReader argumentReader(Class<?> type) {
    return ARGUMENT_READERS.get(type);
  }

  private static final ClassValue<ObjectReader> ARGUMENT_READERS =
      new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
          return MAPPER
              .readerFor(type)
              .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
              .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        }
      };
}

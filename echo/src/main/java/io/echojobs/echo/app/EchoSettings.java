package io.echojobs.echo.app;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application's own settings, read once from the environment and validated as a whole; a
 * bad value fails at start with the variable's name, its value and what is allowed. (Storage
 * reads {@code DATABASE_URL}, the providers their {@code ECHO_LLM_*} and
 * {@code ECHO_TRANSCRIPTION_*} variables themselves.)
 *
 * @param redisUrl {@value #REDIS_URL}: the Redis or Valkey backend; absent means in memory
 * @param apiToken {@value #API_TOKEN}: the bearer token of the HTTP API; absent means the API
 *     cannot start (the all-in-one and demo modes make one up)
 * @param apiPort {@value #API_PORT}: the HTTP API's port, default {@value #DEFAULT_API_PORT}
 * @param redisKeyPrefix {@value #REDIS_KEY_PREFIX}: the prefix of the broker's Redis keys,
 *     default {@value #DEFAULT_REDIS_KEY_PREFIX}; separates deployments sharing one server
 */
public record EchoSettings(
    Optional<String> redisUrl, Optional<String> apiToken, int apiPort, String redisKeyPrefix) {

  public static final String REDIS_URL = "REDIS_URL";
  public static final String API_TOKEN = "ECHO_API_TOKEN";
  public static final String API_PORT = "ECHO_API_PORT";
  public static final int DEFAULT_API_PORT = 8080;
  public static final int MIN_API_TOKEN_LENGTH = 16;
  public static final String REDIS_KEY_PREFIX = "ECHO_REDIS_KEY_PREFIX";
  public static final String DEFAULT_REDIS_KEY_PREFIX = "ej";

  /** @throws InvalidSettingsException listing every bad variable */
  public static EchoSettings fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Optional<String> redis = value(env, REDIS_URL);
    redis.ifPresent(url -> {
      String scheme = URI.create(url.replace("{", "%7B")).getScheme();
      if (scheme == null || !List.of("redis", "rediss", "redis-cluster", "rediss-cluster")
          .contains(scheme)) {
        problems.add(REDIS_URL + "=" + url.replaceAll("//[^@/]*@", "//***@")
            + ": must start with redis://, rediss://, redis-cluster:// or rediss-cluster://");
      }
    });
    Optional<String> token = value(env, API_TOKEN);
    token.ifPresent(t -> {
      if (t.length() < MIN_API_TOKEN_LENGTH) {
        problems.add(API_TOKEN + ": must be at least " + MIN_API_TOKEN_LENGTH
            + " characters (value not shown)");
      }
    });
    int port = DEFAULT_API_PORT;
    Optional<String> portText = value(env, API_PORT);
    if (portText.isPresent()) {
      try {
        port = Integer.parseInt(portText.get());
        if (port < 0 || port > 65535) {
          problems.add(API_PORT + "=" + portText.get() + ": must be 0 to 65535");
        }
      } catch (NumberFormatException e) {
        problems.add(API_PORT + "=" + portText.get() + ": must be a port number");
      }
    }
    String prefix = value(env, REDIS_KEY_PREFIX).orElse(DEFAULT_REDIS_KEY_PREFIX);
    if (!prefix.matches("[A-Za-z0-9_.:-]{1,64}")) {
      problems.add(REDIS_KEY_PREFIX + "=" + prefix
          + ": must be 1 to 64 letters, digits, _ . : - (no braces)");
    }
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
    return new EchoSettings(redis, token, port, prefix);
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** One or more settings are unusable; the message lists each. */
  public static final class InvalidSettingsException extends RuntimeException {
    public InvalidSettingsException(List<String> problems) {
      super("invalid configuration: " + String.join("; ", problems));
    }
  }
}

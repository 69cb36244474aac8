package io.echojobs.jobs.broker.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Lua scripts of the Redis backend, read from this package's resources. A script is sent with
 * SCRIPT LOAD once and then run by its SHA; when the server answers NOSCRIPT (it restarted, or a
 * cluster node joined) that call sends the whole script with EVAL, which also caches it again on
 * that server. Queue scripts get {@code queue-common.lua} prepended, which holds the shared KEYS
 * layout and helpers. Thread-safe.
 */
final class RedisScripts {

  private static final String QUEUE_PREAMBLE = "queue-common.lua";

  private final RedisClusterCommands<String, byte[]> commands;
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();

  RedisScripts(RedisClusterCommands<String, byte[]> commands) {
    this.commands = commands;
  }

  /** Loads a queue script (with the shared preamble) under {@code name}. */
  void loadQueueScript(String name) {
    load(name, read(QUEUE_PREAMBLE) + "\n" + read(name + ".lua"));
  }

  /** Loads a script that stands alone under {@code name}. */
  void loadScript(String name) {
    load(name, read(name + ".lua"));
  }

  /** Runs a loaded script and returns its reply as Lettuce decoded it for {@code type}. */
  <T> T run(String name, ScriptOutputType type, String[] keys, byte[]... args) {
    Script script = scripts.get(name);
    if (script == null) {
      throw new IllegalStateException("script not loaded: " + name);
    }
    try {
      return commands.evalsha(script.sha(), type, keys, args);
    } catch (RedisNoScriptException e) {
      // EVAL runs the script on the node that owns the keys and caches it there, which a
      // SCRIPT LOAD on some other cluster node would not do.
      return commands.eval(script.source(), type, keys, args);
    }
  }

  private void load(String name, String source) {
    String sha = commands.scriptLoad(source);
    scripts.put(name, new Script(sha, source));
  }

  private static String read(String resource) {
    try (InputStream in = RedisScripts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read script " + resource, e);
    }
  }

  /** Arguments as the bytes a script receives. */
  static byte[][] args(Object... values) {
    byte[][] bytes = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      bytes[i] =
          values[i] instanceof byte[] raw
              ? raw
              : String.valueOf(values[i]).getBytes(StandardCharsets.UTF_8);
    }
    return bytes;
  }

  /** A reply element that Lua returned as a string. */
  static String text(Object reply) {
    return reply instanceof byte[] raw
        ? new String(raw, StandardCharsets.UTF_8)
        : String.valueOf(reply);
  }

  /** A reply element that Lua returned as a number (or a numeric string). */
  static long number(Object reply) {
    return reply instanceof Long value ? value : Long.parseLong(text(reply));
  }

  /** A reply element that Lua returned as raw bytes. */
  static byte[] bytes(Object reply) {
    return reply instanceof byte[] raw ? raw : text(reply).getBytes(StandardCharsets.UTF_8);
  }

  static List<Object> list(Object reply) {
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) reply;
    return list;
  }

  private record Script(String sha, String source) {}
}

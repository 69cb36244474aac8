package io.echojobs.jobs.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import redis.embedded.RedisServer;

/**
 * The Redis that tests run against, found once per JVM: {@code REDIS_URL} when set, else a server
 * answering PING on 127.0.0.1:6379, else an embedded-redis server started on a free port (stopped
 * when the JVM exits). The server may be shared with other test classes and other people: a test
 * works under its own key prefix ({@link #newPrefix}) and deletes only those keys ({@link
 * #deleteKeys}); never FLUSHALL.
 */
public final class TestRedis {

  private static final String LOCAL_URL = "redis://127.0.0.1:6379";
  private static final int PING_TIMEOUT_MILLIS = 300;

  private static String url;

  private TestRedis() {}

  /** The URL of the test server, starting an embedded one on first use if needed. */
  public static synchronized String url() {
    if (url == null) {
      url = findOrStart();
    }
    return url;
  }

  /** A key prefix no other test uses. */
  public static String newPrefix(String testName) {
    return "test-" + testName + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Deletes every key under {@code prefix} (SCAN, so it never blocks the shared server). */
  public static void deleteKeys(String prefix) {
    RedisClient client = RedisClient.create(url());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> commands = connection.sync();
      ScanArgs match = ScanArgs.Builder.matches(prefix + ":*").limit(500);
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = commands.scan(cursor, match);
        if (!page.getKeys().isEmpty()) {
          commands.del(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } finally {
      client.shutdown();
    }
  }

  private static String findOrStart() {
    String fromEnv = System.getenv("REDIS_URL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    if (answersPing("127.0.0.1", 6379)) {
      return LOCAL_URL;
    }
    return startEmbedded();
  }

  private static String startEmbedded() {
    try {
      int port = freePort();
      RedisServer server =
          RedisServer.newRedisServer().port(port).setting("bind 127.0.0.1").build();
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(server)));
      return "redis://127.0.0.1:" + port;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start an embedded Redis for the tests", e);
    }
  }

  private static void stopQuietly(RedisServer server) {
    try {
      server.stop();
    } catch (IOException e) {
      // The JVM is exiting; the server process dies with it at worst.
    }
  }

  /** A TCP port free right now on the loopback interface. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean answersPing(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), PING_TIMEOUT_MILLIS);
      socket.setSoTimeout(PING_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[5];
      int read = in.readNBytes(reply, 0, reply.length);
      return read == 5 && new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
    } catch (IOException e) {
      return false;
    }
  }
}

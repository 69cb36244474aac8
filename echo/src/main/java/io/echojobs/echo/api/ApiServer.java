package io.echojobs.echo.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.echojobs.echo.app.ConversationService;
import io.echojobs.echo.progress.ProgressEvents;
import io.echojobs.echo.storage.ConversationFinishedException;
import io.echojobs.echo.storage.ConversationNotFoundException;
import io.echojobs.echo.storage.ProjectNotFoundException;
import io.echojobs.echo.storage.ProcessingStatusRepository;
import io.echojobs.jobs.message.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's HTTP API on the JDK's HTTP server, one virtual thread per request. Every
 * route but {@code GET /health} needs {@code Authorization: Bearer <token>}. Refusals are JSON
 * {@code {"error": "..."}} with a 4xx status saying what was wrong; nothing is written for a
 * refused request. Routes are listed in {@link ConversationRoutes}.
 */
public final class ApiServer implements AutoCloseable {

  /** The largest request body accepted (an audio chunk), in bytes. */
  public static final int DEFAULT_MAX_BODY_BYTES = 25 * 1024 * 1024;

  /** How much of an oversized body is read and dropped, as a multiple of the limit. */
  private static final int OVERSIZED_DRAIN_FACTOR = 4;

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final byte[] token;
  private final List<Route> routes = new ArrayList<>();
  private final int maxBodyBytes;

  public ApiServer(
      int port,
      String token,
      ConversationService conversations,
      ProgressEvents progress,
      ProcessingStatusRepository statuses,
      int maxBodyBytes)
      throws IOException {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.maxBodyBytes = maxBodyBytes;
    new ConversationRoutes(conversations, progress, statuses).register(this);
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  public void start() {
    server.start();
    log.info("HTTP API listening port={} max_body_bytes={}", port(), maxBodyBytes);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  void route(String method, String pattern, boolean authenticated, Handler handler) {
    routes.add(new Route(method, Pattern.compile(pattern), authenticated, handler));
  }

  /** Reads the request body, refusing one larger than the limit before reading it all. */
  byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      if (body.length > maxBodyBytes) {
        // Read (and drop) a bounded rest, so the client gets the 413 rather than a reset
        // connection while it is still sending.
        in.skip((long) maxBodyBytes * OVERSIZED_DRAIN_FACTOR);
        throw new ApiException(413, "body exceeds the limit of " + maxBodyBytes + " bytes");
      }
      return body;
    }
  }

  static void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = Json.mapper().writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      boolean pathKnown = false;
      for (Route route : routes) {
        Matcher matcher = route.pattern().matcher(path);
        if (!matcher.matches()) {
          continue;
        }
        pathKnown = true;
        if (!route.method().equals(method)) {
          continue;
        }
        if (route.authenticated() && !authorized(exchange)) {
          respond(exchange, 401, Map.of("error", "missing or wrong bearer token"));
          return;
        }
        serve(exchange, route, matcher);
        return;
      }
      respond(exchange, pathKnown ? 405 : 404,
          Map.of("error", pathKnown ? "method not allowed" : "no such route: " + path));
    }
  }

  private void serve(HttpExchange exchange, Route route, Matcher matcher) throws IOException {
    try {
      route.handler().handle(exchange, matcher);
    } catch (ApiException e) {
      respond(exchange, e.status(), Map.of("error", e.getMessage()));
    } catch (ConversationNotFoundException | ProjectNotFoundException e) {
      respond(exchange, 404, Map.of("error", e.getMessage()));
    } catch (ConversationFinishedException e) {
      respond(exchange, 409, Map.of("error", e.getMessage()));
    } catch (IllegalArgumentException e) {
      respond(exchange, 400, Map.of("error", e.getMessage()));
    } catch (IOException e) {
      log.debug("client went away path={}", exchange.getRequestURI().getPath(), e);
    } catch (RuntimeException e) {
      log.error("request failed path={} method={}", exchange.getRequestURI().getPath(),
          exchange.getRequestMethod(), e);
      respond(exchange, 500, Map.of("error", "internal error; see the server log"));
    }
  }

  private boolean authorized(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token); // constant time: no timing hints on the token
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }

  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange, Matcher path) throws IOException;
  }

  private record Route(String method, Pattern pattern, boolean authenticated, Handler handler) {}
}

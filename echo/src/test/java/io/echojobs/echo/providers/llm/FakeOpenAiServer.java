package io.echojobs.echo.providers.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for an OpenAI-compatible service (LiteLLM, vLLM) on a loopback port: it reads
 * the real request shapes (JSON chat bodies, multipart transcription forms), answers per model as a
 * test scripts it, and records every request. A model told to {@link Reply#hang()} never answers
 * until the server closes, so the client's timeout fires without any sleep in the test.
 */
public final class FakeOpenAiServer implements AutoCloseable {

  static final String BASE_PATH = "/v1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  /** What the server answers for one model. */
  public record Reply(int status, String body, boolean hangs) {

    public static Reply ok(String body) {
      return new Reply(200, body, false);
    }

    public static Reply error(int status, String message, String type, String code) {
      String body =
          """
          {"error":{"message":"%s","type":"%s","param":null,"code":"%s"}}\
          """
              .formatted(message, type, code);
      return new Reply(status, body, false);
    }

    public static Reply hang() {
      return new Reply(0, "", true);
    }
  }

  /**
   * One request as the server saw it.
   *
   * @param path the request path
   * @param headers the request headers (first value of each, names lower-cased)
   * @param json the parsed body of a JSON request, else null
   * @param form the parts of a multipart request, else null
   */
  public record Received(
      String path, Map<String, String> headers, JsonNode json, Map<String, Multipart.Part> form) {

    public String model() {
      return json != null ? json.path("model").asText() : form.get("model").text();
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  public FakeOpenAiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext(BASE_PATH + "/chat/completions", this::handle);
    server.createContext(BASE_PATH + "/audio/transcriptions", this::handle);
    server.start();
  }

  /** The base URL to configure: {@code http://127.0.0.1:<port>/v1}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH);
  }

  public FakeOpenAiServer reply(String model, Reply reply) {
    replies.put(model, reply);
    return this;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<String> modelsAsked() {
    return received.stream().map(Received::model).toList();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = new ConcurrentHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) ->
                  headers.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst()));
      String contentType = headers.getOrDefault("content-type", "");
      var request =
          contentType.startsWith("multipart/form-data")
              ? new Received(
                  exchange.getRequestURI().getPath(),
                  headers,
                  null,
                  Multipart.parse(contentType, body))
              : new Received(
                  exchange.getRequestURI().getPath(), headers, JSON.readTree(body), null);
      received.add(request);
      Reply reply =
          replies.getOrDefault(
              request.model(),
              Reply.error(404, "no such model", "invalid_request_error", "model_not_found"));
      if (reply.hangs()) {
        awaitClosing();
        return;
      }
      byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), answer.length);
      exchange.getResponseBody().write(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitClosing() {
    try {
      closing.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A chat completion as OpenAI and LiteLLM return it. */
  public static String chatAnswer(String model, String content) {
    return """
    {"id":"chatcmpl-123","object":"chat.completion","created":1764700000,"model":"%s",
     "choices":[{"index":0,"message":{"role":"assistant","content":%s},
                 "finish_reason":"stop"}],
     "usage":{"prompt_tokens":57,"completion_tokens":12,"total_tokens":69}}\
    """
        .formatted(model, quoted(content));
  }

  /** A transcription as OpenAI's json response format returns it. */
  public static String transcriptionAnswer(String text) {
    return "{\"text\":" + quoted(text) + "}";
  }

  private static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.understudy.daemon.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.understudy.daemon.config.DaemonConfig;
import io.understudy.daemon.status.StatusJson;
import io.understudy.daemon.status.StatusReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The admin HTTP server: {@code GET /health}, {@code /ready}, {@code /status}, {@code /metrics}
 * (docs/daemon.md). Read-only for now; a mutating endpoint is added with {@link #addMutating},
 * behind the {@link BearerTokenCheck}.
 */
public final class AdminServer implements AutoCloseable {

  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;
  private final BearerTokenCheck tokenCheck;

  private AdminServer(HttpServer server, ExecutorService executor, BearerTokenCheck tokenCheck) {
    this.server = server;
    this.executor = executor;
    this.tokenCheck = tokenCheck;
  }

  public static AdminServer start(
      DaemonConfig.Admin config, Supplier<StatusReport> status, Supplier<String> metrics)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 16);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "understudy-admin-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    AdminServer admin = new AdminServer(server, executor, new BearerTokenCheck(config.token()));
    admin.get("/health", () -> new Reply(200, TEXT, "ok\n"));
    admin.get(
        "/ready",
        () -> {
          StatusReport report = status.get();
          return report.ready()
              ? new Reply(200, TEXT, "ready\n")
              : new Reply(
                  503, TEXT, "not ready:\n" + String.join("\n", report.notReadyBecause()) + "\n");
        });
    admin.get(
        "/status", () -> new Reply(200, "application/json", StatusJson.write(status.get()) + "\n"));
    admin.get("/metrics", () -> new Reply(200, PROMETHEUS, metrics.get()));
    server.createContext(
        "/", exchange -> send(exchange, new Reply(404, TEXT, "no such endpoint\n")));
    server.start();
    return admin;
  }

  /** What a handler answers. */
  public record Reply(int status, String contentType, String body) {}

  private void get(String path, Supplier<Reply> handler) {
    server.createContext(
        path,
        exchange -> {
          if (!exchange.getRequestURI().getPath().equals(path)) {
            send(exchange, new Reply(404, TEXT, "no such endpoint\n"));
          } else if (!exchange.getRequestMethod().equals("GET")
              && !exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, new Reply(405, TEXT, path + " answers GET only\n"));
          } else {
            Reply reply;
            try {
              reply = handler.get();
            } catch (RuntimeException e) {
              reply = new Reply(500, TEXT, "failed: " + e.getMessage() + "\n");
            }
            send(exchange, reply);
          }
        });
  }

  /**
   * Adds a {@code POST} endpoint that runs only for a request bearing the admin token; others get
   * 401 or 403 with the reason.
   */
  public void addMutating(String path, HttpHandler handler) {
    server.createContext(
        path,
        exchange -> {
          if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            send(exchange, new Reply(405, TEXT, path + " answers POST only\n"));
            return;
          }
          BearerTokenCheck.Verdict verdict =
              tokenCheck.check(exchange.getRequestHeaders().getFirst("Authorization"));
          if (verdict != BearerTokenCheck.Verdict.ALLOWED) {
            if (verdict == BearerTokenCheck.Verdict.MISSING) {
              exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            }
            send(
                exchange,
                new Reply(verdict.status(), TEXT, BearerTokenCheck.explain(verdict) + "\n"));
            return;
          }
          handler.handle(exchange);
        });
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(reply.status(), head ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(body);
      }
    }
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops accepting, lets exchanges in progress finish (up to a second), stops the threads. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}

package io.understudy.daemon.admin;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks an admin server one question. Each request closes its connection, so that a command line
 * leaves no keep-alive thread or socket behind (nor does a test running one in-process).
 */
public final class AdminClient {

  /** The status code and body of an answer. */
  public record Answer(int status, String body) {}

  private AdminClient() {}

  public static Answer get(URI uri, Duration timeout) throws IOException {
    return send("GET", uri, timeout, null);
  }

  /**
   * @param authorization the {@code Authorization} header's value, or null
   */
  public static Answer send(String method, URI uri, Duration timeout, String authorization)
      throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    try {
      connection.setRequestMethod(method);
      connection.setConnectTimeout((int) timeout.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      connection.setRequestProperty("Connection", "close");
      if (authorization != null) {
        connection.setRequestProperty("Authorization", authorization);
      }
      int status = connection.getResponseCode();
      InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
      if (body != null) {
        body.close();
      }
      return new Answer(status, text);
    } finally {
      connection.disconnect();
    }
  }
}

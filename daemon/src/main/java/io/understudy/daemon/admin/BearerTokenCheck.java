package io.understudy.daemon.admin;

import io.understudy.daemon.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Decides whether a request to a mutating endpoint carries the configured bearer token. Without a
 * configured token every such request is refused: an admin server must not change a topology for
 * anyone who can reach its port.
 */
public final class BearerTokenCheck {

  /** The outcome, with the HTTP status the server answers. */
  public enum Verdict {
    ALLOWED(200),
    /** No {@code Authorization: Bearer ...} header: 401, with {@code WWW-Authenticate}. */
    MISSING(401),
    WRONG(403),
    /** The daemon has no token: mutating endpoints are off. */
    NOT_CONFIGURED(403);

    private final int status;

    Verdict(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private static final String SCHEME = "Bearer ";

  private final Optional<Secret> token;

  public BearerTokenCheck(Optional<Secret> token) {
    this.token = token;
  }

  /**
   * @param authorization the request's {@code Authorization} header, or null
   */
  public Verdict check(String authorization) {
    if (token.isEmpty()) {
      return Verdict.NOT_CONFIGURED;
    }
    if (authorization == null
        || authorization.length() < SCHEME.length()
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Verdict.MISSING;
    }
    byte[] given =
        authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
    byte[] expected = token.get().reveal().getBytes(StandardCharsets.UTF_8);
    // Constant time: how long the comparison takes must not tell how much of a guess was right.
    return MessageDigest.isEqual(given, expected) ? Verdict.ALLOWED : Verdict.WRONG;
  }

  /** What the refused caller is told; it never contains the token. */
  public static String explain(Verdict verdict) {
    return switch (verdict) {
      case ALLOWED -> "allowed";
      case MISSING -> "this endpoint needs the header Authorization: Bearer <admin token>";
      case WRONG -> "the bearer token is not the admin token";
      case NOT_CONFIGURED ->
          "mutating endpoints are off: the daemon has no admin token (admin.tokenEnv or"
              + " admin.tokenFile)";
    };
  }
}

package io.understudy.testkit.internal;

import io.understudy.testkit.Flavour;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The SQL that creates the testkit's users on a node of a given flavour. */
public final class UsersScript {

  private UsersScript() {}

  public static String of(Flavour flavour) {
    String name =
        "/io/understudy/testkit/" + flavour.name().toLowerCase(Locale.ROOT) + "-users.sql";
    try (InputStream in = UsersScript.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

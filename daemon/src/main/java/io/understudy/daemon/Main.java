package io.understudy.daemon;

import io.understudy.daemon.cli.Cli;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/** The jar's entry point; the only place that calls {@code System.exit}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Charset charset = Charset.defaultCharset();
    int code =
        new Cli(
                System.getenv(),
                new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true))
            .execute(args);
    System.exit(code);
  }
}

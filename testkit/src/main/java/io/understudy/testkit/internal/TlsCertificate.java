package io.understudy.testkit.internal;

import io.understudy.testkit.ClusterStartException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed server certificate made once and shared by every node. Without one, MariaDB 11.4
 * generates a fresh key at every boot, which costs seconds on a small machine.
 */
public record TlsCertificate(Path certificate, Path privateKey) {

  private static final String ALIAS = "understudy-testkit";
  private static final char[] STORE_PASSWORD = "understudy-testkit".toCharArray();

  /** The shared certificate, generated with the JDK's {@code keytool} on first use. */
  public static synchronized TlsCertificate get() {
    Path dir =
        CacheDirectory.computeIfAbsent(
            CacheDirectory.root().resolve("tls"), TlsCertificate::create);
    return new TlsCertificate(dir.resolve("server-cert.pem"), dir.resolve("server-key.pem"));
  }

  private static void create(Path dir) {
    Path keyStore = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Commands.run(
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            ALIAS,
            "-keyalg",
            "RSA",
            "-keysize",
            "2048",
            "-sigalg",
            "SHA256withRSA",
            "-validity",
            "3650",
            "-dname",
            "CN=understudy-testkit",
            "-ext",
            "SAN=ip:127.0.0.1,dns:localhost",
            "-storetype",
            "PKCS12",
            "-keystore",
            keyStore.toString(),
            "-storepass",
            new String(STORE_PASSWORD)),
        null,
        dir.resolve("keytool.log"),
        60);
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, STORE_PASSWORD);
      Key key = store.getKey(ALIAS, STORE_PASSWORD);
      byte[] certificate = store.getCertificate(ALIAS).getEncoded();
      Files.writeString(dir.resolve("server-key.pem"), pem("PRIVATE KEY", key.getEncoded()));
      Files.writeString(dir.resolve("server-cert.pem"), pem("CERTIFICATE", certificate));
    } catch (IOException | GeneralSecurityException e) {
      throw new ClusterStartException("Could not write the testkit's TLS certificate: " + e, e);
    }
  }

  private static String pem(String type, byte[] der) {
    Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    return "-----BEGIN "
        + type
        + "-----\n"
        + encoder.encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}

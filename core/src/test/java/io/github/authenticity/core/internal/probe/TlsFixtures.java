package io.github.authenticity.core.internal.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Self-signed certificates made at test time with the JDK's own {@code keytool}. */
final class TlsFixtures {

  static final String STORE_PASSWORD = "changeit";
  static final String TRUST_PASSWORD = "trust-me-pw";

  private TlsFixtures() {
  }

  /** Runs {@code keytool} with {@code arguments}; fails with its output when it does not succeed. */
  static void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + command + "\n" + output);
    }
  }

  /**
   * A PKCS12 key store {@code name.p12} holding a self-signed key pair for {@code san}
   * (e.g. {@code dns:localhost,ip:127.0.0.1}) and a trust store {@code name-trust.<type>} holding its certificate (made with the KeyStore API).
   */
  static void selfSigned(Path directory, String name, String san, String trustStoreType) throws Exception {
    Path keyStore = directory.resolve(name + ".p12");
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
        "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
        "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, STORE_PASSWORD.toCharArray());
    }
    KeyStore trust = KeyStore.getInstance(trustStoreType);
    trust.load(null, null);
    trust.setCertificateEntry(name, keys.getCertificate(name));
    try (OutputStream out = Files.newOutputStream(
        directory.resolve(name + "-trust." + trustStoreType.toLowerCase(Locale.ROOT)))) {
      trust.store(out, TRUST_PASSWORD.toCharArray());
    }
  }

  /** A server-side TLS context from {@code name.p12}. */
  static SSLContext serverContext(Path directory, String name) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(directory.resolve(name + ".p12"))) {
      store.load(in, STORE_PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, STORE_PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }
}

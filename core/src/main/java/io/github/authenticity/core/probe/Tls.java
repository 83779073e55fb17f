package io.github.authenticity.core.probe;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.github.authenticity.core.config.ServiceDefinition;

/** The TLS context of a service: the JVM default, or one trusting the service's {@code trustStore}. */
final class Tls {

  private Tls() {
  }

  /** The context to verify {@code service}'s certificates with. */
  static SSLContext context(ServiceDefinition service) throws ProbeFailure {
    Optional<String> trustStore = service.setting("trustStore").filter(path -> !path.isBlank());
    try {
      if (trustStore.isEmpty()) {
        return SSLContext.getDefault();
      }
      String type = service.setting("trustStoreType").filter(t -> !t.isBlank()).orElse("PKCS12");
      char[] password = service.setting("trustStorePassword").map(String::toCharArray).orElse(null);
      KeyStore store = KeyStore.getInstance(type.toUpperCase(Locale.ROOT));
      try (InputStream in = Files.newInputStream(Path.of(trustStore.get()))) {
        store.load(in, password);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (java.nio.file.NoSuchFileException ex) {
      throw new ProbeFailure("cannot read trustStore [" + trustStore.orElse("") + "]: no such file", ex);
    } catch (Exception ex) {
      throw new ProbeFailure("cannot read trustStore [" + trustStore.orElse("(default)") + "] as "
          + service.setting("trustStoreType").orElse("PKCS12") + ": " + Causes.describe(ex), ex);
    }
  }
}

package io.github.authenticity.core.internal.probe;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.github.authenticity.core.config.ServiceDefinition;

/**
 * The TLS context of a probe, made for it: trusting the JDK's trust store (the {@code javax.net.ssl.trustStore}
 * one when set) or the service's {@code trustStore}. Never {@link SSLContext#getDefault()}: a test that installs
 * a trust-all default context must not weaken the probes.
 */
final class Tls {

  private Tls() {
  }

  /** The context to verify {@code service}'s certificates with. */
  static SSLContext context(ServiceDefinition service) throws ProbeFailure {
    Optional<String> trustStore = service.setting("trustStore").filter(path -> !path.isBlank());
    try {
      if (trustStore.isEmpty()) {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
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

  /** A context that encrypts but trusts any certificate: PostgreSQL's {@code sslmode=require}, as libpq does it. */
  static SSLContext unverified() throws ProbeFailure {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
          return new java.security.cert.X509Certificate[0];
        }
      }}, null);
      return context;
    } catch (java.security.GeneralSecurityException ex) {
      throw new ProbeFailure("cannot create a TLS context: " + Causes.describe(ex), ex);
    }
  }
}

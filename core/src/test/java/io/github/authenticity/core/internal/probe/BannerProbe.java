package io.github.authenticity.core.internal.probe;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ServiceProbe;

/**
 * An example custom probe, registered in this module's test
 * {@code META-INF/services/io.github.authenticity.core.probe.ServiceProbe}: UP when the server at
 * {@code host}:{@code port} greets with a first line matching {@code expect} (SMTP, FTP, SSH, ... all do).
 *
 * <pre>
 * mail: { probe: example-banner, host: smtp.example.com, port: 25, expect: "^220 " }
 * </pre>
 */
public class BannerProbe implements ServiceProbe {

  @Override
  public String type() {
    return "example-banner";
  }

  @Override
  public Set<String> settingKeys() {
    return Set.of("host", "port", "expect");
  }

  @Override
  public ProbeResult probe(ServiceDefinition service) throws Exception {
    Instant start = Instant.now();
    String host = service.setting("host").orElseThrow(() -> new IllegalArgumentException("host is required"));
    int port = Integer.parseInt(service.setting("port").orElseThrow());
    Pattern expect = Pattern.compile(service.setting("expect").orElse(".*"));
    String endpoint = "banner " + host + ":" + port;
    int timeout = (int) service.timeout().toMillis();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeout);
      socket.setSoTimeout(timeout);
      String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
      long millis = java.time.Duration.between(start, Instant.now()).toMillis();
      if (line != null && expect.matcher(line).find()) {
        return ProbeResult.up(service.name(), type(), endpoint, millis, "greeted [" + line + "]", start);
      }
      return ProbeResult.down(service.name(), type(), endpoint, millis,
          "wrong protocol: greeted [" + line + "], expected [" + expect.pattern() + "]", start);
    } catch (SocketTimeoutException ex) {
      return ProbeResult.down(service.name(), type(), endpoint, timeout,
          "timed out after " + timeout + " ms: no greeting", start);
    }
  }
}

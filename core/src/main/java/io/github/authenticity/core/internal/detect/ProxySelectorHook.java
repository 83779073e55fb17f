package io.github.authenticity.core.internal.detect;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/**
 * Sees connects through the default {@link ProxySelector} for the {@link InteractionMonitor} (which proxy
 * carries a request for an endpoint); answers exactly as the previous one.
 */
final class ProxySelectorHook extends ProxySelector {

  private final ProxySelector previous;
  private final InteractionMonitor monitor;

  private ProxySelectorHook(ProxySelector previous, InteractionMonitor monitor) {
    this.previous = previous;
    this.monitor = monitor;
  }

  static void install(InteractionMonitor monitor) {
    ProxySelector current = ProxySelector.getDefault();
    if (!(current instanceof ProxySelectorHook)) {
      ProxySelector.setDefault(new ProxySelectorHook(current, monitor));
    }
  }

  static void uninstall() {
    if (ProxySelector.getDefault() instanceof ProxySelectorHook hook) {
      ProxySelector.setDefault(hook.previous);
    }
  }

  @Override
  public List<Proxy> select(URI uri) {
    List<Proxy> proxies = previous == null ? List.of(Proxy.NO_PROXY) : previous.select(uri);
    try {
      monitor.onConnect(uri, proxies);
    } catch (RuntimeException ex) {
      // observing must never break a connect
    }
    return proxies;
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException ex) {
    if (previous != null) {
      previous.connectFailed(uri, address, ex);
    }
  }
}

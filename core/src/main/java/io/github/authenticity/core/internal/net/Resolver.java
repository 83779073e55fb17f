package io.github.authenticity.core.internal.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apiguardian.api.API;

/**
 * Host name lookups with a time limit: a lookup that the system resolver does not finish in time is given up
 * (it goes on in a daemon thread, shared by everyone who asks for the same name meanwhile), and a failed
 * lookup is never remembered, so the next caller asks again. Successful answers are kept for
 * {@link #SUCCESS_TTL}.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class Resolver {

  /** How long a successful answer is reused. */
  public static final Duration SUCCESS_TTL = Duration.ofSeconds(30);

  /** What a lookup that ran out of time says. */
  public static final class LookupTimeoutException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    LookupTimeoutException(String host, long millis) {
      super("lookup of [" + host + "] did not complete within " + millis + " ms");
    }
  }

  private record Answer(List<InetAddress> addresses, long expiresNanos) {
  }

  private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();
  private static final Map<String, CompletableFuture<List<InetAddress>>> RUNNING = new ConcurrentHashMap<>();
  private static final Executor LOOKUPS = command -> {
    Thread thread = new Thread(command, "authenticity-dns");
    thread.setDaemon(true);
    thread.start();
  };

  private Resolver() {
  }

  /**
   * The addresses of {@code host} (an address literal is returned as it is, without a lookup).
   *
   * @throws LookupTimeoutException when the lookup did not finish within {@code timeout}
   * @throws UnknownHostException when the name does not resolve
   */
  public static List<InetAddress> resolve(String host, Duration timeout) throws UnknownHostException {
    String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (isLiteral(name)) {
      return List.of(InetAddress.getByName(name));
    }
    String key = name.toLowerCase(java.util.Locale.ROOT);
    Answer known = ANSWERS.get(key);
    if (known != null && known.expiresNanos - System.nanoTime() > 0) {
      return known.addresses;
    }
    CompletableFuture<List<InetAddress>> lookup = RUNNING.computeIfAbsent(key, k -> {
      CompletableFuture<List<InetAddress>> future = CompletableFuture.supplyAsync(() -> {
        try {
          return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException ex) {
          throw new java.util.concurrent.CompletionException(ex);
        }
      }, LOOKUPS);
      future.whenComplete((addresses, failure) -> {
        RUNNING.remove(k);
        if (failure == null) {
          ANSWERS.put(k, new Answer(addresses, System.nanoTime() + SUCCESS_TTL.toNanos()));
        }
      });
      return future;
    });
    long millis = Math.max(1, timeout.toMillis());
    try {
      return lookup.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException ex) {
      throw new LookupTimeoutException(name, millis);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new LookupTimeoutException(name, millis);
    } catch (ExecutionException ex) {
      if (ex.getCause() instanceof UnknownHostException unknown) {
        throw unknown;
      }
      UnknownHostException unknown = new UnknownHostException(name + ": " + ex.getCause());
      unknown.initCause(ex.getCause());
      throw unknown;
    }
  }

  /** Whether {@code host} is an IPv4 or IPv6 address literal (no lookup needed). */
  static boolean isLiteral(String host) {
    if (host.isEmpty()) {
      return false;
    }
    if (host.indexOf(':') >= 0) {
      return true;
    }
    return host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9') && host.chars().filter(c -> c == '.').count() == 3;
  }
}

package io.github.authenticity.core.internal.detect;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

import io.github.authenticity.core.internal.redact.Redactor;

/**
 * Tees {@code System.out} and {@code System.err}: everything written reaches the original stream at once,
 * redacted ({@link Redactor}: a secret printed by a test or its application stays out of the build log);
 * complete lines written while a {@link TestScope} is current on the writing thread are also captured into it. Per-thread line buffers, so concurrent writers never mix their lines.
 */
final class ConsoleTee extends OutputStream {

  private final PrintStream original;
  private final String channel;
  private final Charset charset;
  private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);

  private ConsoleTee(PrintStream original, String channel, Charset charset) {
    this.original = original;
    this.channel = channel;
    this.charset = charset;
  }

  /** Installs the tees unless the current {@code System.out}/{@code System.err} already are ones. */
  static synchronized void install() {
    if (System.out instanceof Tee && System.err instanceof Tee) {
      return; // every test after the first: no property lookups
    }
    Charset charset = charset();
    if (!(System.out instanceof Tee)) {
      System.setOut(new Tee(new ConsoleTee(System.out, "System.out", charset), charset));
    }
    if (!(System.err instanceof Tee)) {
      System.setErr(new Tee(new ConsoleTee(System.err, "System.err", charset), charset));
    }
  }

  /** Captures what the current thread printed without a final line break (at the end of a test body). */
  static void endLine() {
    for (PrintStream stream : new PrintStream[] {System.out, System.err}) {
      if (stream instanceof Tee tee) {
        tee.flush();
        ByteArrayOutputStream buffer = tee.tee.pending.get();
        if (buffer.size() > 0) {
          tee.tee.emit(buffer);
        }
      }
    }
  }

  private static Charset charset() {
    for (String key : new String[] {"stdout.encoding", "sun.stdout.encoding"}) {
      String name = System.getProperty(key);
      if (name != null && Charset.isSupported(name)) {
        return Charset.forName(name);
      }
    }
    return Charset.defaultCharset();
  }

  @Override
  public void write(int b) {
    original.write(b);
    if (TestScope.anyOpen() || pending.get().size() > 0) {
      capture(new byte[] {(byte) b}, 0, 1);
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    // what reaches the console is redacted too (a PrintStream writes a printed text in one piece): a secret that
    // a test or its application prints must not end up in the build log
    String text = new String(bytes, offset, length, charset);
    String redacted = Redactor.redact(text);
    if (redacted.equals(text)) {
      original.write(bytes, offset, length);
    } else {
      byte[] safe = redacted.getBytes(charset);
      original.write(safe, 0, safe.length);
    }
    if (TestScope.anyOpen() || pending.get().size() > 0) {
      capture(bytes, offset, length);
    }
  }

  @Override
  public void flush() {
    original.flush();
  }

  private void capture(byte[] bytes, int offset, int length) {
    ByteArrayOutputStream buffer = pending.get();
    int start = offset;
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] == '\n') {
        buffer.write(bytes, start, i - start);
        emit(buffer);
        start = i + 1;
      }
    }
    buffer.write(bytes, start, offset + length - start);
    if (buffer.size() > 64 * 1024) {
      emit(buffer);
    }
  }

  private void emit(ByteArrayOutputStream buffer) {
    String line = buffer.toString(charset);
    buffer.reset();
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isBlank()) {
      return;
    }
    TestScope scope = TestScope.current();
    if (scope != null) {
      scope.add(new CapturedLine(channel, null, null, line));
    }
  }

  /** The installed {@code PrintStream}, recognisable so it is never wrapped twice. */
  static final class Tee extends PrintStream {

    private final ConsoleTee tee;

    Tee(ConsoleTee out, Charset charset) {
      super(out, true, charset);
      this.tee = out;
    }
  }
}

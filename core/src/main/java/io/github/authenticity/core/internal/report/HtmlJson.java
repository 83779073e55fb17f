package io.github.authenticity.core.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import org.apiguardian.api.API;

/**
 * JSON that is safe inside an HTML {@code <script>} element (the HTML report embeds its data so): Jackson's
 * generator, with {@code <}, {@code >}, {@code &} and the JavaScript line separators escaped as {@code \\u}
 * sequences, so no text can close the script element or start markup.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class HtmlJson {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final CharacterEscapes ESCAPES = new HtmlSafe();

  private HtmlJson() {
  }

  /** {@code text} as it stands inside such a JSON string literal (without the quotes). */
  public static String escaped(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    string(text, out);
    return out.substring(1, out.length() - 1);
  }

  /** Appends {@code text} as a JSON string literal. */
  static void string(String text, StringBuilder out) {
    write(out, json -> json.writeString(text));
  }

  /** Appends {@code texts} as a JSON array of strings. */
  static void strings(List<String> texts, StringBuilder out) {
    write(out, json -> {
      json.writeStartArray();
      for (String text : texts) {
        json.writeString(text);
      }
      json.writeEndArray();
    });
  }

  private interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private static void write(StringBuilder out, Body body) {
    try (JsonGenerator json = JSON.createGenerator(new Appender(out))) {
      json.setCharacterEscapes(ESCAPES);
      body.write(json);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Escapes what could end a script element or start markup, and the line separators JavaScript rejects. */
  private static final class HtmlSafe extends CharacterEscapes {

    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    HtmlSafe() {
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == 0x2028 ? new SerializedString("\\u2028") : ch == 0x2029 ? new SerializedString("\\u2029") : null;
    }
  }

  /** A {@link Writer} onto a {@link StringBuilder}. */
  private static final class Appender extends Writer {

    private final StringBuilder out;

    Appender(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      out.append(chars, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) {
      out.append(text, offset, offset + length);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  }
}

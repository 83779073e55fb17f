package io.github.authenticity.core.internal.redact;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import org.apiguardian.api.API;

/**
 * The one escaping of text for the HTML report, used by everything that writes it or looks for text in it: the
 * page's own text ({@link #html(String)}), and JSON that is safe inside a {@code <script>} element
 * ({@link #JSON}: the report JSON and the page's embedded data both escape so). The redactor asks it for the forms
 * a secret takes on the page.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class HtmlEscaping {

  /**
   * Jackson's JSON escapes plus {@code <}, {@code >} and {@code &} as {@code \\u} sequences and the line separators
   * U+2028 and U+2029, which JavaScript rejects in a string: no text can close the script element or start markup.
   */
  public static final CharacterEscapes JSON = new HtmlSafeJson();

  /** The factory of the page's embedded data ({@link #pageJson}). */
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private HtmlEscaping() {
  }

  /** Escapes text for HTML element content and quoted attribute values; {@code null} becomes {@code ""}. */
  public static String html(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** {@code text} as it stands inside a JSON string literal of the page's embedded data (without the quotes). */
  public static String jsonString(String text) {
    StringWriter out = new StringWriter(text.length() + 8);
    try (JsonGenerator json = pageJson(out)) {
      json.writeString(text);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    StringBuffer quoted = out.getBuffer();
    return quoted.substring(1, quoted.length() - 1);
  }

  /** A generator of the page's embedded data onto {@code out}: Jackson's defaults with the {@link #JSON} escapes. */
  public static JsonGenerator pageJson(Writer out) throws IOException {
    JsonGenerator json = FACTORY.createGenerator(out);
    json.setCharacterEscapes(JSON);
    return json;
  }

  private static final class HtmlSafeJson extends CharacterEscapes {

    private static final long serialVersionUID = 1L;
    private static final SerializableString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializableString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

    private final int[] ascii = standardAsciiEscapesForJSON();

    HtmlSafeJson() {
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
      return ch == 0x2028 ? LINE_SEPARATOR : ch == 0x2029 ? PARAGRAPH_SEPARATOR : null;
    }
  }
}

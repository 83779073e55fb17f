package io.github.authenticity.core.internal.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlEscapingTests {

  @Test
  void htmlEscapesTheFiveCharactersOfMarkupAndLeavesTheRestAsItIs() {
    assertThat(HtmlEscaping.html("<a href=\"x\" title='y'>&</a> ü \u2028")).isEqualTo(
        "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt; ü \u2028");
    String plain = "nothing to escape";
    assertThat(HtmlEscaping.html(plain)).isSameAs(plain);
    assertThat(HtmlEscaping.html(null)).isEmpty();
  }

  @Test
  void jsonStringCannotCloseAScriptElementNorBreakAJavaScriptString() {
    assertThat(HtmlEscaping.jsonString("</script>\"&\u2028\u2029\n")).isEqualTo(
        "\\u003C/script\\u003E\\\"\\u0026\\u2028\\u2029\\n");
  }
}

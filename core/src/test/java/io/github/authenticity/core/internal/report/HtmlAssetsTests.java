package io.github.authenticity.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlAssetsTests {

  @Test
  void theStylesheetAndScriptAreReadFromTheClassPathAsUtf8Text() {
    assertThat(HtmlAssets.CSS).startsWith(":root{--fg:#111827;").endsWith("header .meta{margin-left:0}}\n");
    assertThat(HtmlAssets.JS).startsWith("(function(){\n'use strict';\n").endsWith("render();\n})();\n");
  }

  @Test
  void theyAreReadOnceAndInlinedIntoThePageWhichFetchesNothing() {
    assertThat(HtmlAssets.load("report.css")).isEqualTo(HtmlAssets.CSS).isNotSameAs(HtmlAssets.CSS);
    String page = HtmlReport.render(ReportGoldenTests.fixture());
    assertThat(page).contains("<style>" + HtmlAssets.CSS + "</style>", "<script>" + HtmlAssets.JS + "</script>")
        .doesNotContain("<link", " src=");
  }

  @Test
  void aMissingResourceIsNamedWithTheFix() {
    assertThatThrownBy(() -> HtmlAssets.load("missing.css")).isInstanceOf(IllegalStateException.class)
        .hasMessage("The HTML report's resource [io/github/authenticity/core/internal/report/missing.css] is not on the class"
            + " path: the jar that holds io.github.authenticity.core.internal.report.HtmlAssets was built without it."
            + " Rebuild or reinstall it.");
  }
}

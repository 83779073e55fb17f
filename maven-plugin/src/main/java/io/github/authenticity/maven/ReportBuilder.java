package io.github.authenticity.maven;

import java.util.List;

import io.github.authenticity.core.events.EventFile;

/** TEMPORARY shim of core's report API until it lands on main. */
final class ReportBuilder {
  ReportBuilder addEventFile(EventFile file) {
    return this;
  }

  ReportBuilder addCompiledTests(List<CompiledTest> compiled) {
    return this;
  }

  ReportBuilder deliberateSelection(boolean deliberate) {
    return this;
  }

  ReportBuilder countDisabled(boolean count) {
    return this;
  }

  ReportBuilder requireEnvironment(String environment) {
    return this;
  }

  Report build() {
    throw new UnsupportedOperationException("shim: the report API has not landed on main yet");
  }
}

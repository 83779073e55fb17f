package io.github.authenticity.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median and spread of repeated measurements. */
record Stats(List<Double> values) {

  static Stats of(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return new Stats(List.copyOf(sorted));
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  double median() {
    int n = values.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  double min() {
    return values.isEmpty() ? Double.NaN : values.get(0);
  }

  double max() {
    return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
  }

  /** e.g. {@code 4.21 s (4.10–4.52, n=5)}, values given in milliseconds. */
  String seconds() {
    if (isEmpty()) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f s (%.2f–%.2f, n=%d)", median() / 1000, min() / 1000, max() / 1000,
        values.size());
  }

  /** e.g. {@code 312 ms (305–340, n=5)}. */
  String millis() {
    if (isEmpty()) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.0f ms (%.0f–%.0f, n=%d)", median(), min(), max(), values.size());
  }

  /** e.g. {@code 182 MB (180–190)}, values given in kB. */
  String megabytes() {
    if (isEmpty()) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.0f MB (%.0f–%.0f)", median() / 1024, min() / 1024, max() / 1024);
  }

  /** The median as a whole number, e.g. {@code 4147}. */
  String count() {
    return isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.0f", median());
  }
}

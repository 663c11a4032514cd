package io.understudy.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations of repeated runs, in milliseconds. */
final class Samples {

  private final List<Long> millis = new ArrayList<>();

  void add(long value) {
    millis.add(value);
  }

  long median() {
    List<Long> sorted = sorted();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  long min() {
    return sorted().get(0);
  }

  long max() {
    return sorted().get(sorted().size() - 1);
  }

  int count() {
    return millis.size();
  }

  private List<Long> sorted() {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return sorted;
  }
}

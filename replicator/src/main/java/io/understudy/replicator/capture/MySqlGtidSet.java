package io.understudy.replicator.capture;

import io.understudy.replicator.model.SourcePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A MySQL GTID set such as {@code @@gtid_executed}: per stream (source UUID, or UUID and tag), the
 * ranges of transaction numbers. Immutable; parsing and printing only, plus the one operation the
 * capture needs, {@link #through}.
 *
 * <p>Text form (MySQL manual, "GTID Sets"): {@code uuid:1-5:7,uuid2:1-3}; since MySQL 8.3 a tag may
 * follow the UUID's own ranges, {@code uuid:1-5:tag:1-2}. Whitespace and newlines (MySQL wraps long
 * sets) are ignored; UUIDs and tags compare in lower case.
 */
final class MySqlGtidSet {

  /** One interval of transaction numbers, both ends included. */
  record Range(long first, long last) {}

  /** Stream -> its ranges, sorted, disjoint and not adjacent. Stream = {@code uuid[:tag]}. */
  private final Map<String, List<Range>> streams;

  private MySqlGtidSet(Map<String, List<Range>> streams) {
    this.streams = streams;
  }

  /**
   * Parses a GTID set; null or blank is the empty set.
   *
   * @throws IllegalArgumentException naming the set if it is malformed
   */
  static MySqlGtidSet parse(String text) {
    Map<String, List<Range>> streams = new TreeMap<>();
    if (text == null || text.isBlank()) {
      return new MySqlGtidSet(streams);
    }
    String compact = text.replaceAll("\\s", "").toLowerCase(Locale.ROOT);
    for (String entry : compact.split(",")) {
      String[] parts = entry.split(":");
      if (parts.length < 2 || parts[0].isEmpty()) {
        throw malformed(text, entry);
      }
      String stream = parts[0];
      for (int i = 1; i < parts.length; i++) {
        String part = parts[i];
        if (part.isEmpty()) {
          throw malformed(text, entry);
        }
        if (Character.isDigit(part.charAt(0))) {
          streams.computeIfAbsent(stream, s -> new ArrayList<>()).add(range(text, part));
        } else {
          stream = parts[0] + ":" + part; // a tag: the ranges after it are the tagged stream's
        }
      }
    }
    streams.replaceAll((stream, ranges) -> normalised(ranges));
    return new MySqlGtidSet(streams);
  }

  /**
   * Everything of this set that is "up to and including {@code applied}": in {@code applied}'s
   * stream the ranges cut at its sequence, every other stream whole.
   *
   * <p>This is the executed set to resume from when a replica has applied {@code applied} and this
   * set is the primary's {@code @@gtid_executed}. The other streams are taken as already applied:
   * their transactions were on the primary before the stream the replica follows began (a former
   * primary's history the replicas received, or the primary's own writes while it was a replica,
   * which are copies of what the replicas have). See docs/replication.md, "MySQL 8". The result is
   * a subset of this set, as Debezium requires of a resume set ("the current GTID set does not
   * contain the GTID set required by the connector").
   */
  MySqlGtidSet through(SourcePosition applied) {
    String stream = applied.stream();
    long last = applied.sequence();
    Map<String, List<Range>> result = new TreeMap<>(streams);
    List<Range> cut = new ArrayList<>();
    for (Range range : streams.getOrDefault(stream, List.of())) {
      if (range.first() <= last) {
        cut.add(new Range(range.first(), Math.min(range.last(), last)));
      }
    }
    if (cut.isEmpty()) {
      result.remove(stream);
    } else {
      result.put(stream, List.copyOf(cut));
    }
    return new MySqlGtidSet(result);
  }

  boolean isEmpty() {
    return streams.isEmpty();
  }

  /** Whether {@code stream} (a UUID, or {@code uuid:tag}) has any transaction in this set. */
  boolean hasStream(String stream) {
    return streams.containsKey(stream.toLowerCase(Locale.ROOT));
  }

  /** The ranges of one stream, empty if it has none. */
  List<Range> ranges(String stream) {
    return streams.getOrDefault(stream.toLowerCase(Locale.ROOT), List.of());
  }

  /** MySQL's text form: one entry per UUID, untagged ranges first, then each tag with its own. */
  @Override
  public String toString() {
    Map<String, StringBuilder> byUuid = new TreeMap<>();
    for (Map.Entry<String, List<Range>> e : streams.entrySet()) {
      int colon = e.getKey().indexOf(':');
      String uuid = colon < 0 ? e.getKey() : e.getKey().substring(0, colon);
      StringBuilder text = byUuid.computeIfAbsent(uuid, StringBuilder::new);
      if (colon >= 0) {
        text.append(':').append(e.getKey().substring(colon + 1));
      }
      for (Range range : e.getValue()) {
        text.append(':').append(range.first());
        if (range.last() != range.first()) {
          text.append('-').append(range.last());
        }
      }
    }
    StringJoiner joined = new StringJoiner(",");
    byUuid.values().forEach(joined::add);
    return joined.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MySqlGtidSet set && streams.equals(set.streams);
  }

  @Override
  public int hashCode() {
    return streams.hashCode();
  }

  private static Range range(String text, String part) {
    try {
      int dash = part.indexOf('-');
      long first = Long.parseLong(dash < 0 ? part : part.substring(0, dash));
      long last = dash < 0 ? first : Long.parseLong(part.substring(dash + 1));
      if (first < 1 || last < first) {
        throw malformed(text, part);
      }
      return new Range(first, last);
    } catch (NumberFormatException e) {
      throw malformed(text, part);
    }
  }

  /** Sorted, with overlapping or adjacent ranges merged, as MySQL prints them. */
  private static List<Range> normalised(List<Range> ranges) {
    List<Range> sorted = new ArrayList<>(ranges);
    sorted.sort((a, b) -> Long.compare(a.first(), b.first()));
    List<Range> merged = new ArrayList<>();
    for (Range range : sorted) {
      Range previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (previous != null && range.first() <= previous.last() + 1) {
        merged.set(
            merged.size() - 1,
            new Range(previous.first(), Math.max(previous.last(), range.last())));
      } else {
        merged.add(range);
      }
    }
    return Collections.unmodifiableList(merged);
  }

  private static IllegalArgumentException malformed(String text, String part) {
    return new IllegalArgumentException(
        "'" + text + "' is not a MySQL GTID set (at '" + part + "'): expected uuid:1-5[:7-9],...");
  }
}

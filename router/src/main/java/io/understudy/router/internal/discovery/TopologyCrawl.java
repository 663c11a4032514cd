package io.understudy.router.internal.discovery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Asks every node it can find for its newest epoch: the seeds, the nodes of the epoch routed on,
 * and every serving member named by an answer, so a seed list naming one node of many is enough.
 * Fenced members are not asked: they get no traffic and cannot know of a newer epoch than the one
 * that fenced them.
 */
public final class TopologyCrawl {

  /** A bound on nodes asked per round, so a corrupt member list cannot make a round endless. */
  static final int MAX_NODES = 64;

  private TopologyCrawl() {}

  /**
   * @param read asks one node ({@code host:port}); must not throw
   * @return one reading per node asked, seeds first
   */
  public static List<Reading> readAll(
      List<String> seeds, Collection<String> known, Function<String, Reading> read) {
    Set<String> seen = new LinkedHashSet<>(seeds);
    seen.addAll(known);
    Deque<String> queue = new ArrayDeque<>(seen);
    List<Reading> readings = new ArrayList<>();
    while (!queue.isEmpty() && readings.size() < MAX_NODES) {
      Reading reading = read.apply(queue.poll());
      readings.add(reading);
      if (reading instanceof Reading.Found found) {
        for (PublishedTopology.Member member : found.topology().serving()) {
          if (seen.add(member.address())) {
            queue.add(member.address());
          }
        }
      }
    }
    return readings;
  }
}

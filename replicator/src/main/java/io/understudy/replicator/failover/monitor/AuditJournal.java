package io.understudy.replicator.failover.monitor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's record of what it decided and did, readable as data and written to the log as it
 * grows. Entries are added only when something changes, so it grows slowly; past {@link #CAPACITY}
 * the oldest go (the log keeps them).
 */
final class AuditJournal {

  static final int CAPACITY = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(AuditJournal.class);

  private final Deque<JournalEntry> entries = new ArrayDeque<>();

  synchronized void add(JournalEntry entry) {
    if (entries.size() == CAPACITY) {
      entries.removeFirst();
    }
    entries.addLast(entry);
    LOG.info("failover journal: {}", entry);
  }

  synchronized List<JournalEntry> entries() {
    return List.copyOf(entries);
  }
}

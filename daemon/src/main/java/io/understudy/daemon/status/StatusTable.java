package io.understudy.daemon.status;

import java.util.ArrayList;
import java.util.List;

/** The text form of a {@link StatusReport}, for people: a header, then one line per replica. */
public final class StatusTable {

  private static final String[] COLUMNS = {
    "REPLICA", "APPLIER", "FEED", "LAG", "QUEUE", "APPLIED", "NOTE"
  };

  private StatusTable() {}

  public static String render(StatusReport report) {
    StringBuilder out = new StringBuilder();
    out.append("phase ")
        .append(report.phase())
        .append(", primary ")
        .append(report.primary())
        .append(", capture ")
        .append(report.capture().state())
        .append(" (")
        .append(report.capture().transactions())
        .append(" transactions)")
        .append(report.ready() ? ", ready" : ", NOT READY")
        .append('\n');
    for (String reason : report.notReadyBecause()) {
      out.append("  not ready: ").append(reason).append('\n');
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(COLUMNS);
    for (StatusReport.Replica replica : report.replicas()) {
      rows.add(
          new String[] {
            replica.name(),
            replica.applier(),
            replica.feed(),
            replica.lagMillis() == null ? "-" : replica.lagMillis() + "ms",
            String.valueOf(replica.queueDepth()),
            replica.appliedGtid() == null ? "-" : replica.appliedGtid(),
            note(replica)
          });
    }
    int[] widths = new int[COLUMNS.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(String.format("%-" + widths[i] + "s", row[i])).append("  ");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String note(StatusReport.Replica replica) {
    if (replica.lastError() != null) {
      return replica.lastError();
    }
    if (replica.detachedBecause() != null) {
      return (replica.feed().equals("DETACHED") ? "detached: " : "was detached: ")
          + replica.detachedBecause();
    }
    return "";
  }
}

package io.understudy.replicator.capture;

import io.understudy.replicator.model.ServerFlavour;
import io.understudy.replicator.model.SourcePosition;

/**
 * The connector offset a capture starts from: the values of {@link OffsetKeys#GTIDS}, {@link
 * OffsetKeys#FILE} and {@link OffsetKeys#POSITION}. The connector resumes after everything {@code
 * gtids} names; file and position drive it only when {@code gtids} is empty.
 *
 * @param gtids MariaDB: a GTID position, one GTID per domain ({@code 0-1-42}); MySQL: a GTID set,
 *     everything already processed ({@code uuid:1-42}); empty for none
 * @param file binlog file, {@code ""} if unknown
 * @param position position in {@code file}
 */
record ResumeOffset(String gtids, String file, long position) {

  ResumeOffset {
    gtids = gtids == null ? "" : gtids;
    file = file == null ? "" : file;
  }

  /**
   * Where to resume right after {@code applied}, on the primary described by {@code primary}; with
   * no {@code applied}, the primary's current position.
   *
   * <p>MariaDB resumes after a GTID position, and one GTID of one domain is one. MySQL resumes
   * after a GTID set, which must be a subset of the primary's {@code gtid_executed}: {@link
   * MySqlGtidSet#through} builds it. When the primary has never executed a transaction of {@code
   * applied}'s stream (it is another server than the one that wrote it, e.g. after a failover),
   * {@code applied}'s binlog coordinates mean nothing there, so the primary's own are used.
   */
  static ResumeOffset after(PrimarySettings primary, SourcePosition applied) {
    ResumeOffset current = primary.current();
    if (applied == null) {
      return current;
    }
    if (primary.version().flavour() == ServerFlavour.MARIADB) {
      return new ResumeOffset(applied.gtid(), applied.file(), applied.position());
    }
    MySqlGtidSet executed = MySqlGtidSet.parse(current.gtids());
    MySqlGtidSet resume = executed.through(applied);
    if (!executed.hasStream(applied.stream())) {
      return new ResumeOffset(resume.toString(), current.file(), current.position());
    }
    return new ResumeOffset(resume.toString(), applied.file(), applied.position());
  }
}

package io.understudy.replicator.apply;

import static io.understudy.replicator.apply.Changes.ddl;
import static io.understudy.replicator.apply.Changes.delete;
import static io.understudy.replicator.apply.Changes.insert;
import static io.understudy.replicator.apply.Changes.row;
import static io.understudy.replicator.apply.Changes.tx;
import static io.understudy.replicator.apply.Changes.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.heartbeat.HeartbeatTable;
import io.understudy.replicator.model.TableId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyProgressTest {

  private static final TableId HEARTBEAT = HeartbeatTable.TABLE;
  private static final TableId USER = new TableId("app", "t");
  private static final LocalDateTime T1 = LocalDateTime.parse("2026-01-01T10:00:00.100");
  private static final LocalDateTime T2 = LocalDateTime.parse("2026-01-01T10:00:00.600");

  @Test
  void nothingCommitted_noHeartbeatAndNoCounts() {
    ApplyProgress progress = new ApplyProgress();
    assertThat(progress.newestHeartbeat()).isNull();
    assertThat(progress.transactions()).isZero();
    assertThat(progress.rows()).isZero();
  }

  @Test
  void heartbeatRows_setTheNewestTimeAsUtc_otherRowsAndDdlOnlyCount() {
    ApplyProgress progress = new ApplyProgress();
    progress.committed(
        List.of(
            tx(1, insert(HEARTBEAT, row("id", 1, "ts", T1))),
            tx(2, insert(USER, row("id", 1, "ts", T2)), insert(USER, row("id", 2, "ts", T2))),
            tx(3, ddl("app", "CREATE TABLE u (id INT PRIMARY KEY)"))));
    assertThat(progress.newestHeartbeat()).isEqualTo(Instant.parse("2026-01-01T10:00:00.100Z"));
    assertThat(progress.transactions()).isEqualTo(3);
    assertThat(progress.rows()).isEqualTo(3);

    progress.committed(
        List.of(tx(4, update(HEARTBEAT, row("id", 1, "ts", T1), row("id", 1, "ts", T2)))));
    assertThat(progress.newestHeartbeat()).isEqualTo(Instant.parse("2026-01-01T10:00:00.600Z"));
  }

  @Test
  void anOlderOrDeletedHeartbeat_doesNotMoveTheNewestBack() {
    ApplyProgress progress = new ApplyProgress();
    progress.committed(List.of(tx(1, insert(HEARTBEAT, row("id", 1, "ts", T2)))));
    progress.committed(
        List.of(
            tx(2, insert(HEARTBEAT, row("id", 2, "ts", T1))),
            tx(3, delete(HEARTBEAT, row("id", 1, "ts", T2)))));
    assertThat(progress.newestHeartbeat()).isEqualTo(Instant.parse("2026-01-01T10:00:00.600Z"));
    assertThat(progress.rows()).isEqualTo(3);
  }
}

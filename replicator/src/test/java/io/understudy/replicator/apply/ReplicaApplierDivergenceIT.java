package io.understudy.replicator.apply;

import static io.understudy.replicator.apply.Changes.delete;
import static io.understudy.replicator.apply.Changes.insert;
import static io.understudy.replicator.apply.Changes.position;
import static io.understudy.replicator.apply.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.understudy.replicator.model.RowChange;
import io.understudy.replicator.model.TableId;
import io.understudy.replicator.model.Transaction;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.TestSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@ClusterTest(nodes = 2)
class ReplicaApplierDivergenceIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void duplicateInsertInsideABatch_stopsNamingTheExactKey(Cluster cluster, TestSchema schema)
      throws Exception {
    ClusterNode replica = cluster.node(1);
    TableId accounts = Replicas.accountsAndAudit(cluster, replica, schema);
    Replicas.execute(cluster, replica, "INSERT INTO " + accounts + " VALUES (4, 7)");

    try (ReplicaApplier applier = Replicas.start(cluster, replica)) {
      List<RowChange> inserts = new ArrayList<>();
      for (long id = 1; id <= 6; id++) {
        inserts.add(insert(accounts, row("id", id, "balance", 1L)));
      }
      applier.put(new Transaction(position(5), Changes.EPOCH, List.copyOf(inserts)));
      await().atMost(WAIT).until(() -> applier.state() == ApplierState.STOPPED_DIVERGED);

      assertThat(applier.lastError())
          .hasMessageContaining(accounts.toString())
          .hasMessageContaining("(id=4)")
          .hasMessageContaining("0-1-5")
          .hasMessageContaining("Duplicate entry");
    }
    assertThat(Replicas.rows(cluster, replica, "SELECT id, balance FROM " + accounts))
        .containsExactly(List.of("4", "7"));
  }

  @Test
  void batchOfDeletesWithOneRowMissing_stopsNamingThatRow(Cluster cluster, TestSchema schema)
      throws Exception {
    ClusterNode replica = cluster.node(1);
    TableId accounts = Replicas.accountsAndAudit(cluster, replica, schema);
    Replicas.execute(
        cluster,
        replica,
        "INSERT INTO " + accounts + " VALUES (1, 1), (2, 1), (3, 1), (5, 1), (6, 1)");

    try (ReplicaApplier applier = Replicas.start(cluster, replica)) {
      List<RowChange> deletes = new ArrayList<>();
      for (long id = 1; id <= 6; id++) {
        deletes.add(delete(accounts, row("id", id, "balance", 1L)));
      }
      applier.put(new Transaction(position(3), Changes.EPOCH, List.copyOf(deletes)));
      await().atMost(WAIT).until(() -> applier.state() == ApplierState.STOPPED_DIVERGED);

      assertThat(applier.lastError()).hasMessageContaining("(id=4)").hasMessageContaining("0-1-3");
    }
    assertThat(Replicas.value(cluster, replica, "SELECT COUNT(*) FROM " + accounts)).isEqualTo("5");
  }
}

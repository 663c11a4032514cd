package io.understudy.replicator.apply;

import static io.understudy.replicator.apply.Changes.delete;
import static io.understudy.replicator.apply.Changes.insert;
import static io.understudy.replicator.apply.Changes.position;
import static io.understudy.replicator.apply.Changes.row;
import static io.understudy.replicator.apply.Changes.tx;
import static io.understudy.replicator.apply.Changes.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.understudy.replicator.model.Operation;
import io.understudy.replicator.model.RowChange;
import io.understudy.replicator.model.TableId;
import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.junit.ClusterTest;
import io.understudy.testkit.junit.TestSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

@ClusterTest(nodes = 2)
class ReplicaApplierRowsIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void tableWithoutPrimaryKey_updateAndDeleteTouchOneOfTwoIdenticalRows(
      Cluster cluster, TestSchema schema) throws Exception {
    ClusterNode replica = cluster.node(1);
    Replicas.prepare(cluster, replica);
    TableId bag = new TableId(schema.name(), "bag");
    Replicas.execute(cluster, replica, "CREATE TABLE " + bag + " (a INT, b VARCHAR(10) NULL)");

    try (ReplicaApplier applier = Replicas.start(cluster, replica)) {
      applier.put(tx(1, noKey(bag, Operation.INSERT, null, row("a", 1, "b", null))));
      applier.put(tx(2, noKey(bag, Operation.INSERT, null, row("a", 1, "b", null))));
      applier.put(
          tx(3, noKey(bag, Operation.UPDATE, row("a", 1, "b", null), row("a", 2, "b", null))));
      await().atMost(WAIT).until(() -> position(3).equals(applier.appliedPosition()));
      assertThat(Replicas.rows(cluster, replica, "SELECT a, b FROM " + bag + " ORDER BY a"))
          .containsExactly(Arrays.asList("1", null), Arrays.asList("2", null));

      applier.put(tx(4, noKey(bag, Operation.DELETE, row("a", 1, "b", null), null)));
      applier.put(tx(5, noKey(bag, Operation.INSERT, null, row("a", 2, "b", null))));
      applier.put(tx(6, noKey(bag, Operation.DELETE, row("a", 2, "b", null), null)));
      await().atMost(WAIT).until(() -> position(6).equals(applier.appliedPosition()));
    }
    assertThat(Replicas.rows(cluster, replica, "SELECT a, b FROM " + bag))
        .containsExactly(Arrays.asList("2", null));
  }

  /** The source's binlog holds only the parent's row: the replica must run the cascade itself. */
  @Test
  void parentDelete_cascadesOnTheReplica(Cluster cluster, TestSchema schema) throws Exception {
    ClusterNode replica = cluster.node(1);
    Replicas.prepare(cluster, replica);
    TableId parent = new TableId(schema.name(), "parent");
    TableId child = new TableId(schema.name(), "child");
    Replicas.execute(
        cluster,
        replica,
        "CREATE TABLE " + parent + " (id INT PRIMARY KEY)",
        "CREATE TABLE "
            + child
            + " (id INT PRIMARY KEY, parent_id INT,"
            + " FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE)",
        "INSERT INTO " + parent + " VALUES (1)",
        "INSERT INTO " + child + " VALUES (10, 1), (11, 1)");

    try (ReplicaApplier applier = Replicas.start(cluster, replica)) {
      applier.put(tx(1, delete(parent, row("id", 1))));
      await().atMost(WAIT).until(() -> position(1).equals(applier.appliedPosition()));
    }
    assertThat(Replicas.value(cluster, replica, "SELECT COUNT(*) FROM " + child)).isEqualTo("0");
  }

  @Test
  void valuesOfEveryType_arriveExactly(Cluster cluster, TestSchema schema) throws Exception {
    ClusterNode replica = cluster.node(1);
    Replicas.prepare(cluster, replica);
    TableId types = new TableId(schema.name(), "types");
    Replicas.execute(
        cluster,
        replica,
        "CREATE TABLE "
            + types
            + " (id INT PRIMARY KEY, u BIGINT UNSIGNED, d DECIMAL(65,30),"
            + " s VARCHAR(20), vb VARBINARY(10), dt DATE, dtm DATETIME(6), ts TIMESTAMP(6) NULL,"
            + " tm TIME(6), tm2 TIME(6), y YEAR, e ENUM('small','large'), st SET('a','b','c'),"
            + " j JSON, b1 BIT(1), b64 BIT(64), n INT,"
            + " g BIGINT AS (id * 2) VIRTUAL, gs VARCHAR(40) AS (UPPER(s)) STORED)");
    java.util.Map<String, Object> nulls = row("id", 2);
    for (String column :
        List.of(
            "u", "d", "s", "vb", "dt", "dtm", "ts", "tm", "tm2", "y", "e", "st", "j", "b1", "b64",
            "n")) {
      nulls.put(column, null);
    }

    try (ReplicaApplier applier = Replicas.start(cluster, replica)) {
      applier.put(tx(1, insert(types, everyType(1)), insert(types, nulls)));
      applier.put(tx(2, update(types, nulls, everyType(2))));
      await().atMost(WAIT).until(() -> position(2).equals(applier.appliedPosition()));
    }

    String select =
        "SELECT CAST(u AS CHAR), CAST(d AS CHAR), s, HEX(vb), CAST(dt AS CHAR),"
            + " CAST(dtm AS CHAR), CAST(ts AS CHAR), CAST(tm AS CHAR), CAST(tm2 AS CHAR),"
            + " CAST(y AS CHAR), e, st, j, b1 + 0, HEX(b64), n, g, gs FROM "
            + types
            + " ORDER BY id";
    List<String> expected =
        Arrays.asList(
            "18446744073709551615",
            "12345678901234567890123456789012345.123456789012345678901234567890",
            "a\uD83D\uDE00b",
            "0001FF00",
            "1999-12-31",
            "2024-02-29 23:59:59.123456",
            "2024-06-01 12:00:00.654321",
            "-838:59:59.000000",
            "100:00:00.500000",
            "2155",
            "large",
            "a,c",
            "{\"k\": [1, 2]}",
            "1",
            "8000000000000001",
            null);
    List<String> first = new ArrayList<>(expected);
    first.addAll(List.of("2", "A\uD83D\uDE00B"));
    List<String> second = new ArrayList<>(expected);
    second.addAll(List.of("4", "A\uD83D\uDE00B"));
    assertThat(Replicas.rows(cluster, replica, select)).containsExactly(first, second);
  }

  /** One value of every type the model knows, as the capture would deliver them. */
  private static java.util.Map<String, Object> everyType(int id) {
    return row(
        "id",
        id,
        "u",
        new java.math.BigInteger("18446744073709551615"),
        "d",
        new java.math.BigDecimal(
            "12345678901234567890123456789012345.123456789012345678901234567890"),
        "s",
        "a\uD83D\uDE00b",
        "vb",
        new byte[] {0x00, 0x01, (byte) 0xff, 0x00},
        "dt",
        java.time.LocalDate.of(1999, 12, 31),
        "dtm",
        java.time.LocalDateTime.parse("2024-02-29T23:59:59.123456"),
        "ts",
        java.time.LocalDateTime.parse("2024-06-01T12:00:00.654321"),
        "tm",
        Duration.parse("-PT838H59M59S"),
        "tm2",
        Duration.parse("PT100H0.5S"),
        "y",
        2155,
        "e",
        "large",
        "st",
        "a,c",
        "j",
        "{\"k\": [1, 2]}",
        "b1",
        Boolean.TRUE,
        "b64",
        new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0x01},
        "n",
        null,
        "g",
        999L, // generated: whatever the source says, the replica computes its own
        "gs",
        "IGNORED");
  }

  private static RowChange noKey(
      TableId table,
      Operation operation,
      java.util.Map<String, Object> before,
      java.util.Map<String, Object> after) {
    return new RowChange(table, operation, List.of(), before, after);
  }
}

package io.understudy.replicator.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.understudy.replicator.ReplicationFilter;
import io.understudy.replicator.model.TableId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The connector's lists must select exactly the rows the capture's own filter keeps: fewer would
 * lose rows, more would only cost decoding. Debezium's rule is simulated here as it documents it:
 * comma-separated regular expressions on whole names, ignoring case, an include list replacing the
 * exclude list of its kind, and the database filter and the table filter both applying.
 */
class DebeziumFiltersTest {

  private static final List<TableId> TABLES =
      Stream.of(
              "shop.orders",
              "shop.orders_archive",
              "Shop.Orders",
              "shop.audit_1",
              "shop_eu.orders",
              "crm.contacts",
              "crm_old.contacts",
              "app_scratch.t",
              "understudy.heartbeat",
              "understudy.applied_position",
              "understudy.topology",
              "mysql.user",
              "sys.x",
              "performance_schema.threads",
              "a+b.c")
          .map(
              name ->
                  new TableId(
                      name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1)))
          .toList();

  static Stream<ReplicationFilter> filters() {
    return Stream.of(
        ReplicationFilter.all(),
        ReplicationFilter.builder().includeSchemas("shop").build(),
        ReplicationFilter.builder()
            .includeSchemas("shop*", "a+b")
            .excludeSchemas("shop_eu")
            .build(),
        ReplicationFilter.builder().excludeSchemas("crm*", "app_*").build(),
        ReplicationFilter.builder().excludeTables("*.audit_*", "shop.orders_archive").build(),
        ReplicationFilter.builder().includeTables("shop*.orders*", "*.contacts").build(),
        ReplicationFilter.builder()
            .includeSchemas("*")
            .excludeSchemas("crm_old")
            .includeTables("*.*")
            .excludeTables("shop.orders_*")
            .build());
  }

  @ParameterizedTest
  @MethodSource("filters")
  void connectorLists_selectExactlyTheRowsTheCaptureKeeps(ReplicationFilter filter) {
    CaptureConfig config = CaptureConfig.of("h", 1, "u", "", 5400).filtering(filter);
    Predicate<TableId> connector = connectorPredicate(DebeziumFilters.of(filter));
    for (TableId table : TABLES) {
      assertThat(connector.test(table))
          .as("%s under %s", table, filter)
          .isEqualTo(config.capturesRowsOf(table));
    }
  }

  @Test
  void heartbeatRows_areCapturedUnderAnyFilter_butNoUnderstudyDdl() {
    CaptureConfig config =
        CaptureConfig.of("h", 1, "u", "", 5400)
            .filtering(ReplicationFilter.builder().includeTables("shop.orders").build());
    assertThat(config.capturesRowsOf(CaptureConfig.HEARTBEAT)).isTrue();
    assertThat(config.capturesDdl("understudy", List.of(CaptureConfig.HEARTBEAT))).isFalse();
    assertThat(config.capturesDdl("understudy", List.of())).isFalse();
    assertThat(config.capturesDdl("shop", List.of(new TableId("shop", "orders")))).isTrue();
    assertThat(config.capturesDdl("shop", List.of(new TableId("shop", "other")))).isFalse();
    assertThat(
            config.capturesDdl(
                "shop", List.of(new TableId("shop", "orders"), new TableId("shop", "other"))))
        .isFalse();
    assertThat(config.capturesDdl("shop", List.of())).isTrue(); // e.g. ALTER DATABASE shop
    assertThat(config.capturesDdl(null, List.of())).isFalse();
  }

  @Test
  void tableIdsOfDdlRecords_areReadFromTheirQuotedForm() {
    assertThat(ChangeRecords.tableIdOf("\"shop\".\"orders\""))
        .isEqualTo(new TableId("shop", "orders"));
    assertThat(ChangeRecords.tableIdOf("\"a.b\".\"c d\"")).isEqualTo(new TableId("a.b", "c d"));
    assertThatThrownBy(() -> ChangeRecords.tableIdOf("shop.orders"))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("Cannot tell the table of a DDL record from its id shop.orders");
    assertThatThrownBy(() -> ChangeRecords.tableIdOf("\"a\".\"b\".\"c\""))
        .isInstanceOf(CaptureException.class);
  }

  private static Predicate<TableId> connectorPredicate(Map<String, String> properties) {
    Predicate<String> database =
        properties.containsKey("database.include.list")
            ? anyMatches(properties.get("database.include.list"))
            : anyMatches(properties.get("database.exclude.list")).negate();
    Predicate<String> table =
        properties.containsKey("table.include.list")
            ? anyMatches(properties.get("table.include.list"))
            : anyMatches(properties.get("table.exclude.list")).negate();
    return id -> database.test(id.schema()) && table.test(id.schema() + "." + id.table());
  }

  private static Predicate<String> anyMatches(String list) {
    List<Pattern> patterns =
        Arrays.stream(list.split(","))
            .map(regex -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE))
            .toList();
    return name -> patterns.stream().anyMatch(p -> p.matcher(name).matches());
  }
}

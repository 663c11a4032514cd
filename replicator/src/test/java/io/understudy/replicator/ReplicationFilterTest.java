package io.understudy.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.understudy.replicator.model.TableId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicationFilterTest {

  private static final ReplicationFilter ALL = ReplicationFilter.all();
  private static final ReplicationFilter SHOP_ONLY =
      ReplicationFilter.builder().includeSchemas("shop").build();
  private static final ReplicationFilter APPS_BUT_SCRATCH =
      ReplicationFilter.builder().includeSchemas("app_*").excludeSchemas("app_scratch*").build();
  private static final ReplicationFilter NO_AUDIT_TABLES =
      ReplicationFilter.builder().excludeTables("*.audit_*", "shop.log").build();
  private static final ReplicationFilter ORDERS_NOT_ARCHIVE =
      ReplicationFilter.builder()
          .includeTables("shop.order*")
          .excludeTables("shop.orders_archive")
          .build();
  private static final ReplicationFilter SCHEMA_AND_TABLE =
      ReplicationFilter.builder()
          .includeSchemas("shop", "crm*")
          .excludeSchemas("crm_old")
          .includeTables("shop.*", "crm*.contacts")
          .build();

  static Stream<Arguments> tables() {
    return Stream.of(
        // filter, schema, table, replicates
        Arguments.of(ALL, "shop", "orders", true),
        Arguments.of(ALL, "understudy", "heartbeat", false), // its rows: CaptureConfig's business
        Arguments.of(ALL, "understudy", "topology", false),
        Arguments.of(ALL, "mysql", "user", false),
        Arguments.of(ALL, "MySQL", "user", false),
        Arguments.of(ALL, "information_schema", "tables", false),
        Arguments.of(SHOP_ONLY, "shop", "orders", true),
        Arguments.of(SHOP_ONLY, "SHOP", "Orders", true), // case is ignored
        Arguments.of(SHOP_ONLY, "shop2", "orders", false), // whole names only
        Arguments.of(SHOP_ONLY, "a_shop", "orders", false),
        Arguments.of(APPS_BUT_SCRATCH, "app_", "t", true), // * matches the empty run
        Arguments.of(APPS_BUT_SCRATCH, "app_billing", "t", true),
        Arguments.of(APPS_BUT_SCRATCH, "app_scratch", "t", false), // exclude wins
        Arguments.of(APPS_BUT_SCRATCH, "app_scratch_2", "t", false),
        Arguments.of(APPS_BUT_SCRATCH, "app", "t", false),
        Arguments.of(APPS_BUT_SCRATCH, "App_Billing", "t", true),
        Arguments.of(NO_AUDIT_TABLES, "shop", "orders", true),
        Arguments.of(NO_AUDIT_TABLES, "shop", "audit_2024", false),
        Arguments.of(NO_AUDIT_TABLES, "crm", "audit_", false),
        Arguments.of(NO_AUDIT_TABLES, "crm", "audit", true),
        Arguments.of(NO_AUDIT_TABLES, "shop", "log", false),
        Arguments.of(NO_AUDIT_TABLES, "shop", "login", true),
        Arguments.of(NO_AUDIT_TABLES, "crm", "log", true),
        Arguments.of(ORDERS_NOT_ARCHIVE, "shop", "orders", true),
        Arguments.of(ORDERS_NOT_ARCHIVE, "shop", "order_lines", true),
        Arguments.of(ORDERS_NOT_ARCHIVE, "shop", "orders_archive", false),
        Arguments.of(ORDERS_NOT_ARCHIVE, "shop", "customers", false),
        Arguments.of(ORDERS_NOT_ARCHIVE, "shop2", "orders", false),
        Arguments.of(SCHEMA_AND_TABLE, "shop", "anything", true),
        Arguments.of(SCHEMA_AND_TABLE, "crm_eu", "contacts", true),
        Arguments.of(SCHEMA_AND_TABLE, "crm_eu", "deals", false),
        Arguments.of(SCHEMA_AND_TABLE, "crm_old", "contacts", false), // schema excluded
        Arguments.of(SCHEMA_AND_TABLE, "other", "anything", false));
  }

  @ParameterizedTest(name = "{0}: {1}.{2} -> {3}")
  @MethodSource("tables")
  void allows_tableByTheListsInOrder(
      ReplicationFilter filter, String schema, String table, boolean replicates) {
    assertThat(filter.allows(new TableId(schema, table))).isEqualTo(replicates);
  }

  static Stream<Arguments> schemas() {
    return Stream.of(
        Arguments.of(ALL, "shop", true),
        Arguments.of(ALL, "understudy", false),
        Arguments.of(ALL, "Performance_Schema", false),
        Arguments.of(ALL, "sys", false),
        Arguments.of(ALL, "", false),
        Arguments.of(ALL, null, false),
        Arguments.of(SHOP_ONLY, "shop", true),
        Arguments.of(SHOP_ONLY, "crm", false),
        Arguments.of(APPS_BUT_SCRATCH, "app_x", true),
        Arguments.of(APPS_BUT_SCRATCH, "app_scratchpad", false),
        // A schema whose tables are filtered still replicates as a schema (CREATE DATABASE).
        Arguments.of(NO_AUDIT_TABLES, "crm", true),
        Arguments.of(ORDERS_NOT_ARCHIVE, "crm", true),
        Arguments.of(SCHEMA_AND_TABLE, "crm_eu", true),
        Arguments.of(SCHEMA_AND_TABLE, "crm_old", false));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("schemas")
  void allowsSchema_bySchemaListsOnly(ReplicationFilter filter, String schema, boolean replicates) {
    assertThat(filter.allowsSchema(schema)).isEqualTo(replicates);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        // includeSchemas, excludeSchemas, includeTables, excludeTables, expected problem
        Arguments.of(List.of(""), List.of(), List.of(), List.of(), "includeSchemas: '' is empty"),
        Arguments.of(
            List.of(" shop"), List.of(), List.of(), List.of(), "' shop' has spaces around it"),
        Arguments.of(List.of("a,b"), List.of(), List.of(), List.of(), "'a,b' contains ','"),
        Arguments.of(List.of("`shop`"), List.of(), List.of(), List.of(), "contains ',' or '`'"),
        Arguments.of(
            List.of("shop.orders"),
            List.of(),
            List.of(),
            List.of(),
            "includeSchemas: 'shop.orders' contains '.'"),
        Arguments.of(
            List.of(),
            List.of(),
            List.of("orders"),
            List.of(),
            "includeTables: 'orders' is not schema.table"),
        Arguments.of(
            List.of(), List.of(), List.of(), List.of("a.b.c"), "excludeTables: 'a.b.c' is not"),
        Arguments.of(
            List.of(), List.of(), List.of(), List.of("shop."), "excludeTables: 'shop.' is not"),
        Arguments.of(
            List.of("mysql"), List.of(), List.of(), List.of(), "'mysql' names schema 'mysql'"),
        Arguments.of(
            List.of(),
            List.of("Understudy"),
            List.of(),
            List.of(),
            "excludeSchemas: 'Understudy' names schema 'Understudy', which never replicates"),
        Arguments.of(
            List.of(),
            List.of(),
            List.of("understudy.heartbeat"),
            List.of(),
            "includeTables: 'understudy.heartbeat' names schema 'understudy'"),
        Arguments.of(
            List.of("shop"),
            List.of("Shop"),
            List.of(),
            List.of(),
            "'shop' is both an included and an excluded schema pattern"),
        Arguments.of(
            List.of(),
            List.of(),
            List.of("s.t*"),
            List.of("s.t*"),
            "'s.t*' is both an included and an excluded table pattern"),
        Arguments.of(
            List.of("shop"),
            List.of(),
            List.of("crm.contacts"),
            List.of(),
            "'crm.contacts' can never replicate: includeSchemas/excludeSchemas leave out schema"
                + " 'crm'"),
        Arguments.of(
            List.of(),
            List.of("crm*"),
            List.of("crm_eu.contacts"),
            List.of(),
            "'crm_eu.contacts' can never replicate"));
  }

  @ParameterizedTest(name = "{4}")
  @MethodSource("invalid")
  void invalidEntries_areNamedWithWhatIsWrong(
      List<String> includeSchemas,
      List<String> excludeSchemas,
      List<String> includeTables,
      List<String> excludeTables,
      String problem) {
    assertThatThrownBy(
            () ->
                new ReplicationFilter(includeSchemas, excludeSchemas, includeTables, excludeTables))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid replication filter: ")
        .hasMessageContaining(problem);
  }

  @Test
  void everyProblem_isReportedInOneException() {
    assertThatThrownBy(
            () ->
                ReplicationFilter.builder()
                    .includeSchemas("sys", "")
                    .excludeSchemas("a.b")
                    .includeTables("t")
                    .excludeTables("mysql.*")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("includeSchemas: 'sys' names schema 'sys'")
        .hasMessageContaining("includeSchemas: '' is empty")
        .hasMessageContaining("excludeSchemas: 'a.b' contains '.'")
        .hasMessageContaining("includeTables: 't' is not schema.table")
        .hasMessageContaining("excludeTables: 'mysql.*' names schema 'mysql'")
        .hasMessageContaining("docs/replication.md");
  }

  @Test
  void wildcardsThatCouldMatchSystemSchemas_areAllowedButNeverReplicateThem() {
    ReplicationFilter everything =
        ReplicationFilter.builder().includeSchemas("*").includeTables("*.*").build();
    assertThat(everything.allows(new TableId("shop", "t"))).isTrue();
    assertThat(everything.allows(new TableId("mysql", "user"))).isFalse();
    assertThat(everything.allows(new TableId("understudy", "heartbeat"))).isFalse();
  }

  @Test
  void builtFilters_compareByTheirPatterns() {
    assertThat(ReplicationFilter.builder().build()).isEqualTo(ReplicationFilter.all());
    assertThat(ReplicationFilter.builder().includeSchemas("Shop").build())
        .isEqualTo(SHOP_ONLY)
        .hasSameHashCodeAs(SHOP_ONLY);
    assertThat(SHOP_ONLY.toString()).contains("includeSchemas=[shop]");
    assertThat(ALL).hasToString("ReplicationFilter[all user schemas]");
  }

  @Test
  void aStarInATablePattern_staysOnItsSideOfTheDot() {
    NamePattern pattern = NamePattern.table("shop*.*");
    assertThat(pattern.matches("shop.orders")).isTrue();
    assertThat(pattern.matches("shop_eu.orders")).isTrue();
    assertThat(pattern.matches("shop.x.orders")).isFalse();
    assertThat(NamePattern.table("a.b").regex()).isEqualTo("\\Qa\\E\\.\\Qb\\E");
    assertThat(NamePattern.schema("a*b").regex()).isEqualTo("\\Qa\\E.*\\Qb\\E");
  }

  @Test
  void regexCharactersInNames_areLiteral() {
    NamePattern pattern = NamePattern.schema("a+b$(x)?");
    assertThat(pattern.matches("a+b$(x)?")).isTrue();
    assertThat(pattern.matches("aab$(x)")).isFalse();
    assertThat(NamePattern.schema("a\\Eb").matches("a\\Eb")).isTrue();
  }
}

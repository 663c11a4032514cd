package io.understudy.replicator.capture;

import io.understudy.replicator.NamePattern;
import io.understudy.replicator.ReplicationFilter;
import io.understudy.replicator.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A {@link ReplicationFilter} as the connector's {@code database.*} and {@code table.*} list
 * properties, so that rows of filtered-out tables are not even decoded.
 *
 * <p>The connector's lists are comma-separated regular expressions, each matched on a whole name
 * ignoring case; of an include and an exclude list of the same kind only the include list counts.
 * So when there are include patterns, the exclusions ride along inside them as a negative
 * lookahead: {@code (?!(?:excluded...)$)(?:included...)}.
 *
 * <p>The {@code understudy} schema stays in (the heartbeat's definition must be in the schema
 * history for its rows to be decoded), and of its tables only the heartbeat. The capture filters
 * every record again with the {@link ReplicationFilter} itself, because the connector still emits
 * DDL of what its lists exclude; these lists are about work saved, the second filter about
 * correctness.
 */
final class DebeziumFilters {

  private static final String IGNORE_CASE = "(?i)";

  private DebeziumFilters() {}

  /** The list properties for {@code filter}, by property name. */
  static Map<String, String> of(ReplicationFilter filter) {
    Map<String, String> properties = new TreeMap<>();
    String understudy = CaptureConfig.HEARTBEAT.schema();
    List<String> systemSchemas = new ArrayList<>();
    for (String schema : new TreeSet<>(ReplicationFilter.NEVER_REPLICATED)) {
      if (!schema.equals(understudy)) {
        systemSchemas.add(Pattern.quote(schema));
      }
    }
    List<String> excludedSchemas = new ArrayList<>(systemSchemas);
    excludedSchemas.addAll(regexes(filter.excludeSchemas()));
    if (filter.includeSchemas().isEmpty()) {
      properties.put("database.exclude.list", ignoringCase(excludedSchemas));
    } else {
      properties.put(
          "database.include.list",
          Pattern.quote(understudy)
              + ","
              + noneOfThenAnyOf(excludedSchemas, regexes(filter.includeSchemas())));
    }

    String otherUnderstudyTables = everyTableExceptHeartbeat();
    if (filter.includeTables().isEmpty()) {
      List<String> excludedTables = new ArrayList<>(List.of(otherUnderstudyTables));
      excludedTables.addAll(regexes(filter.excludeTables()));
      properties.put("table.exclude.list", ignoringCase(excludedTables));
    } else {
      List<String> excludedTables = new ArrayList<>(List.of(Pattern.quote(understudy) + "\\..*"));
      excludedTables.addAll(regexes(filter.excludeTables()));
      TableId heartbeat = CaptureConfig.HEARTBEAT;
      properties.put(
          "table.include.list",
          Pattern.quote(heartbeat.schema())
              + "\\."
              + Pattern.quote(heartbeat.table())
              + ","
              + noneOfThenAnyOf(excludedTables, regexes(filter.includeTables())));
    }
    return properties;
  }

  /** Matches {@code understudy.<any table but heartbeat>}. */
  static String everyTableExceptHeartbeat() {
    TableId heartbeat = CaptureConfig.HEARTBEAT;
    return Pattern.quote(heartbeat.schema()) + "\\.(?!" + Pattern.quote(heartbeat.table()) + "$).+";
  }

  private static List<String> regexes(List<NamePattern> patterns) {
    return patterns.stream().map(NamePattern::regex).toList();
  }

  private static String ignoringCase(List<String> regexes) {
    return String.join(",", regexes.stream().map(r -> IGNORE_CASE + r).toList());
  }

  private static String noneOfThenAnyOf(List<String> excluded, List<String> included) {
    return IGNORE_CASE
        + "(?!(?:"
        + String.join("|", excluded)
        + ")$)(?:"
        + String.join("|", included)
        + ")";
  }
}

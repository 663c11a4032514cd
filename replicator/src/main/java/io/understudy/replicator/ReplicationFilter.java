package io.understudy.replicator;

import io.understudy.replicator.model.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Which schemas and tables replicate. The default, {@link #all()}, is every user schema.
 *
 * <p>A table {@code s.t} replicates when all of these hold:
 *
 * <ol>
 *   <li>{@code s} is not a system or Understudy schema ({@link #NEVER_REPLICATED});
 *   <li>{@code s} matches an entry of {@code includeSchemas}, or that list is empty;
 *   <li>{@code s} matches no entry of {@code excludeSchemas};
 *   <li>{@code s.t} matches an entry of {@code includeTables}, or that list is empty;
 *   <li>{@code s.t} matches no entry of {@code excludeTables}.
 * </ol>
 *
 * So exclusion always wins over inclusion, and schema and table lists narrow each other: {@code
 * includeSchemas=[shop]} with {@code includeTables=[shop.orders]} replicates one table. DDL follows
 * the same rule: a statement on tables replicates when they do, one on a schema ({@code CREATE
 * DATABASE}) when {@link #allowsSchema} it. Patterns are exact names or contain {@code *}; {@link
 * NamePattern} has the matching rules.
 *
 * <p>Whatever the lists say, the rows of {@code understudy.heartbeat} always replicate (they
 * measure lag) and no DDL of the {@code understudy} schema ever does (every node migrates its own).
 *
 * <p>Build one with {@link #builder()}; the constructor checks every entry and throws one {@link
 * IllegalArgumentException} naming all the problems.
 */
public final class ReplicationFilter {

  /** Node-local and system schemas: never replicated, and refused by name in any list. */
  public static final Set<String> NEVER_REPLICATED =
      Set.of("understudy", "mysql", "sys", "information_schema", "performance_schema");

  private static final ReplicationFilter ALL =
      new ReplicationFilter(List.of(), List.of(), List.of(), List.of());

  private final List<NamePattern> includeSchemas;
  private final List<NamePattern> excludeSchemas;
  private final List<NamePattern> includeTables;
  private final List<NamePattern> excludeTables;

  /**
   * @param includeSchemas schema patterns; empty means every user schema
   * @param excludeSchemas schema patterns left out
   * @param includeTables {@code schema.table} patterns; empty means every table of the schemas
   * @param excludeTables {@code schema.table} patterns left out
   */
  public ReplicationFilter(
      List<String> includeSchemas,
      List<String> excludeSchemas,
      List<String> includeTables,
      List<String> excludeTables) {
    FilterProblems problems = new FilterProblems();
    this.includeSchemas = problems.schemas("includeSchemas", includeSchemas);
    this.excludeSchemas = problems.schemas("excludeSchemas", excludeSchemas);
    this.includeTables = problems.tables("includeTables", includeTables);
    this.excludeTables = problems.tables("excludeTables", excludeTables);
    problems.bothIncludedAndExcluded("schema", this.includeSchemas, this.excludeSchemas);
    problems.bothIncludedAndExcluded("table", this.includeTables, this.excludeTables);
    for (NamePattern table : this.includeTables) {
      if (table.hasLiteralSchema()
          && !NEVER_REPLICATED.contains(NamePattern.folded(table.schemaPart()))
          && !allowsSchema(table.schemaPart())) {
        problems.add(
            "includeTables: '"
                + table
                + "' can never replicate: includeSchemas/excludeSchemas leave out schema '"
                + table.schemaPart()
                + "'");
      }
    }
    problems.throwIfAny();
  }

  /** Every user schema: nothing but {@link #NEVER_REPLICATED} is left out. */
  public static ReplicationFilter all() {
    return ALL;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether rows and DDL of {@code table} replicate (the heartbeat aside: see the class doc). */
  public boolean allows(TableId table) {
    return table != null
        && allowsSchema(table.schema())
        && table.table() != null
        && (includeTables.isEmpty() || anyMatches(includeTables, table.toString()))
        && !anyMatches(excludeTables, table.toString());
  }

  /**
   * Whether {@code schema} replicates: its schema-level DDL ({@code CREATE/ALTER/DROP DATABASE}),
   * and those of its tables that {@link #allows} names.
   */
  public boolean allowsSchema(String schema) {
    return schema != null
        && !schema.isEmpty()
        && !NEVER_REPLICATED.contains(NamePattern.folded(schema))
        && (includeSchemas.isEmpty() || anyMatches(includeSchemas, schema))
        && !anyMatches(excludeSchemas, schema);
  }

  private static boolean anyMatches(List<NamePattern> patterns, String name) {
    for (NamePattern pattern : patterns) {
      if (pattern.matches(name)) {
        return true;
      }
    }
    return false;
  }

  public List<NamePattern> includeSchemas() {
    return includeSchemas;
  }

  public List<NamePattern> excludeSchemas() {
    return excludeSchemas;
  }

  public List<NamePattern> includeTables() {
    return includeTables;
  }

  public List<NamePattern> excludeTables() {
    return excludeTables;
  }

  /** Whether this is {@link #all()}: no list has an entry. */
  public boolean isAll() {
    return includeSchemas.isEmpty()
        && excludeSchemas.isEmpty()
        && includeTables.isEmpty()
        && excludeTables.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ReplicationFilter that
        && includeSchemas.equals(that.includeSchemas)
        && excludeSchemas.equals(that.excludeSchemas)
        && includeTables.equals(that.includeTables)
        && excludeTables.equals(that.excludeTables);
  }

  @Override
  public int hashCode() {
    return Objects.hash(includeSchemas, excludeSchemas, includeTables, excludeTables);
  }

  @Override
  public String toString() {
    return isAll()
        ? "ReplicationFilter[all user schemas]"
        : "ReplicationFilter[includeSchemas="
            + includeSchemas
            + ", excludeSchemas="
            + excludeSchemas
            + ", includeTables="
            + includeTables
            + ", excludeTables="
            + excludeTables
            + "]";
  }

  /** Collects the lists; {@link #build()} checks them all at once. */
  public static final class Builder {
    private final List<String> includeSchemas = new ArrayList<>();
    private final List<String> excludeSchemas = new ArrayList<>();
    private final List<String> includeTables = new ArrayList<>();
    private final List<String> excludeTables = new ArrayList<>();

    private Builder() {}

    public Builder includeSchemas(String... patterns) {
      return add(includeSchemas, Arrays.asList(patterns));
    }

    public Builder includeSchemas(Collection<String> patterns) {
      return add(includeSchemas, patterns);
    }

    public Builder excludeSchemas(String... patterns) {
      return add(excludeSchemas, Arrays.asList(patterns));
    }

    public Builder excludeSchemas(Collection<String> patterns) {
      return add(excludeSchemas, patterns);
    }

    /** {@code schema.table} patterns. */
    public Builder includeTables(String... patterns) {
      return add(includeTables, Arrays.asList(patterns));
    }

    public Builder includeTables(Collection<String> patterns) {
      return add(includeTables, patterns);
    }

    /** {@code schema.table} patterns. */
    public Builder excludeTables(String... patterns) {
      return add(excludeTables, Arrays.asList(patterns));
    }

    public Builder excludeTables(Collection<String> patterns) {
      return add(excludeTables, patterns);
    }

    private Builder add(List<String> list, Collection<String> patterns) {
      list.addAll(patterns);
      return this;
    }

    /** Throws one {@link IllegalArgumentException} naming every bad entry. */
    public ReplicationFilter build() {
      return new ReplicationFilter(includeSchemas, excludeSchemas, includeTables, excludeTables);
    }
  }

  /** The problems found while reading the lists, thrown together. */
  private static final class FilterProblems {
    private final List<String> problems = new ArrayList<>();

    void add(String problem) {
      problems.add(problem);
    }

    List<NamePattern> schemas(String list, List<String> entries) {
      return read(list, entries, NamePattern::problemsOfSchema, NamePattern::schema);
    }

    List<NamePattern> tables(String list, List<String> entries) {
      return read(list, entries, NamePattern::problemsOfTable, NamePattern::table);
    }

    private List<NamePattern> read(
        String list,
        List<String> entries,
        Function<String, List<String>> check,
        Function<String, NamePattern> parse) {
      List<NamePattern> patterns = new ArrayList<>();
      if (entries == null) {
        return List.of();
      }
      for (String entry : entries) {
        List<String> wrong = check.apply(entry);
        if (!wrong.isEmpty()) {
          problems.add(list + ": '" + entry + "' " + String.join("; ", wrong));
          continue;
        }
        NamePattern pattern = parse.apply(entry);
        if (pattern.hasLiteralSchema()
            && NEVER_REPLICATED.contains(NamePattern.folded(pattern.schemaPart()))) {
          problems.add(
              list
                  + ": '"
                  + entry
                  + "' names schema '"
                  + pattern.schemaPart()
                  + "', which never replicates (system and Understudy schemas: "
                  + NEVER_REPLICATED
                  + "); remove the entry");
          continue;
        }
        patterns.add(pattern);
      }
      return List.copyOf(patterns);
    }

    void bothIncludedAndExcluded(String kind, List<NamePattern> in, List<NamePattern> out) {
      for (NamePattern pattern : in) {
        if (out.contains(pattern)) {
          problems.add(
              "'"
                  + pattern
                  + "' is both an included and an excluded "
                  + kind
                  + " pattern (exclusion would win); keep it in one list");
        }
      }
    }

    void throwIfAny() {
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "Invalid replication filter: "
                + String.join("; ", problems)
                + ". Patterns are names or contain *, tables as schema.table (docs/replication.md,"
                + " \"What replicates\")");
      }
    }
  }
}

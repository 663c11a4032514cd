package io.understudy.router;

/**
 * One replica: its JDBC URL and its share of the reads.
 *
 * <p>{@code weight} counts under {@link Balancing#WEIGHTED_ROUND_ROBIN}. Weight 0 drains the
 * replica under every policy: it gets no new reads. Negative weights are refused by {@link
 * RouterConfig.Builder#build()}; this record checks nothing itself.
 */
public record ReplicaConfig(String url, int weight) {
  public static final int DEFAULT_WEIGHT = 1;

  /** A replica with the default weight. */
  public static ReplicaConfig of(String url) {
    return new ReplicaConfig(url, DEFAULT_WEIGHT);
  }

  /** Masks any password among the URL's properties. */
  @Override
  public String toString() {
    return "ReplicaConfig[url=" + JdbcUrl.masked(url) + ", weight=" + weight + "]";
  }
}

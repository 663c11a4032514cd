package io.understudy.examples.spring;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Products and their stock, in plain JdbcTemplate code that knows nothing of replicas: the
 * transaction annotations alone decide where each method runs.
 *
 * <ul>
 *   <li>{@code @Transactional(readOnly = true)}: Spring calls {@code setReadOnly(true)} and then
 *       {@code setAutoCommit(false)}, so the router runs the whole method on one replica.
 *   <li>{@code @Transactional}: autocommit off without read-only, so the whole method runs on the
 *       primary, reads included; it sees its own writes.
 * </ul>
 *
 * <p>The table: {@code product (sku VARCHAR(32) PRIMARY KEY, name VARCHAR(100) NOT NULL, stock INT
 * NOT NULL)}.
 */
@Service
public class InventoryService {

  private static final RowMapper<Product> PRODUCT =
      (row, rowNumber) ->
          new Product(row.getString("sku"), row.getString("name"), row.getInt("stock"));

  private final JdbcTemplate jdbc;

  public InventoryService(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  public List<Product> products() {
    return jdbc.query("SELECT sku, name, stock FROM product ORDER BY sku", PRODUCT);
  }

  @Transactional(readOnly = true)
  public Optional<Product> product(String sku) {
    return jdbc.query("SELECT sku, name, stock FROM product WHERE sku = ?", PRODUCT, sku).stream()
        .findFirst();
  }

  /**
   * Two queries that must agree. Each replica may be at a different point of the primary's history;
   * one read-only transaction keeps both queries on the same replica and snapshot.
   */
  @Transactional(readOnly = true)
  public StockReport stockReport() {
    List<Product> products = products(); // a self-call: runs in this transaction, same replica
    Long total = jdbc.queryForObject("SELECT COALESCE(SUM(stock), 0) FROM product", Long.class);
    return new StockReport(products, total == null ? 0 : total);
  }

  @Transactional
  public void addProduct(Product product) {
    jdbc.update(
        "INSERT INTO product (sku, name, stock) VALUES (?, ?, ?)",
        product.sku(),
        product.name(),
        product.stock());
  }

  /**
   * Takes {@code quantity} units out of stock and returns how many are left. The read after the
   * update must see it: it does, because a read-write transaction runs on the primary from its
   * first statement to its commit. Out of stock, the exception rolls the transaction back.
   */
  @Transactional
  public int ship(String sku, int quantity) {
    int updated =
        jdbc.update(
            "UPDATE product SET stock = stock - ? WHERE sku = ? AND stock >= ?",
            quantity,
            sku,
            quantity);
    if (updated == 0) {
      throw new OutOfStockException(sku, quantity);
    }
    Integer left =
        jdbc.queryForObject("SELECT stock FROM product WHERE sku = ?", Integer.class, sku);
    return left == null ? 0 : left;
  }
}

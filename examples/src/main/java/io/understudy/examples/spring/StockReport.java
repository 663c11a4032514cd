package io.understudy.examples.spring;

import java.util.List;

/**
 * Every product with its stock, and the total the database computed. Built from two queries: they
 * agree only because both run in one read-only transaction, hence on one replica.
 */
public record StockReport(List<Product> products, long totalUnits) {

  public StockReport {
    products = List.copyOf(products);
  }
}

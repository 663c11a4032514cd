package io.understudy.examples.spring;

/** A shipment asked for more units than are in stock; the transaction is rolled back. */
public final class OutOfStockException extends RuntimeException {

  public OutOfStockException(String sku, int requested) {
    super("Cannot ship " + requested + " of " + sku + ": not enough in stock (or no such product)");
  }
}

package io.understudy.examples.spring;

/** A product and how many units of it are in stock. */
public record Product(String sku, String name, int stock) {}

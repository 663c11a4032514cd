package io.understudy.examples;

public final class Demo {
  public static void main(String[] args) {}
}

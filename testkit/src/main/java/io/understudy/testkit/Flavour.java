package io.understudy.testkit;

/** The server families a cluster can run. */
public enum Flavour {
  /** MariaDB 11.4: embedded binaries or the {@code mariadb:11.4} image. */
  MARIADB("mariadb:11.4"),
  /** MySQL 8.4: only as a container, from the {@code mysql:8.4} image. */
  MYSQL("mysql:8.4");

  private final String image;

  Flavour(String image) {
    this.image = image;
  }

  /** The container image of this flavour. */
  public String image() {
    return image;
  }
}

package io.understudy.replicator.model;

/** What a row change does. */
public enum Operation {
  INSERT,
  UPDATE,
  DELETE
}

package io.understudy.router.internal.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The parameters set on a logical prepared statement, kept so they can be applied to whichever
 * physical statement an execution runs on (and again, on a retry).
 */
final class Parameters {

  /** Sets one parameter on a physical statement. */
  @FunctionalInterface
  interface Setter {
    void apply(PreparedStatement statement, int index) throws SQLException;
  }

  private Setter[] setters = new Setter[8];
  private int highest;

  void set(int index, Setter setter) throws SQLException {
    if (index < 1) {
      throw SqlStates.invalidArgument("Parameter index out of range: " + index);
    }
    if (index >= setters.length) {
      setters = Arrays.copyOf(setters, Math.max(index + 1, setters.length * 2));
    }
    setters[index] = setter;
    highest = Math.max(highest, index);
  }

  void clear() {
    Arrays.fill(setters, 0, highest + 1, null);
    highest = 0;
  }

  void applyTo(PreparedStatement statement) throws SQLException {
    for (int i = 1; i <= highest; i++) {
      if (setters[i] != null) {
        setters[i].apply(statement, i);
      }
    }
  }

  /** A copy for a batch entry. */
  Parameters copy() {
    Parameters copy = new Parameters();
    copy.setters = Arrays.copyOf(setters, setters.length);
    copy.highest = highest;
    return copy;
  }
}

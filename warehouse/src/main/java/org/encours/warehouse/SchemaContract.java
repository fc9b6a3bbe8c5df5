package org.encours.warehouse;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.encours.core.EncoursErrors;

/**
 * Checks that a dataset has the columns a step needs, with the expected types, and fails with a
 * message naming each missing column or wrong type.
 */
public final class SchemaContract {
  private SchemaContract() {}

  /**
   * Fails unless {@code actual} has every field of {@code expected} with the same data type (extra
   * columns are allowed).
   *
   * @param what a name for the data being checked, e.g. "table invoices"
   */
  public static void require(String what, StructType expected, StructType actual) {
    List<String> problems = new ArrayList<>();
    for (StructField want : expected.fields()) {
      int index = List.of(actual.fieldNames()).indexOf(want.name());
      if (index < 0) {
        problems.add(
            "missing column '" + want.name() + "' (" + want.dataType().simpleString() + ")");
      } else {
        StructField found = actual.fields()[index];
        if (!found.dataType().equals(want.dataType())) {
          problems.add(
              "column '"
                  + want.name()
                  + "' is "
                  + found.dataType().simpleString()
                  + ", expected "
                  + want.dataType().simpleString());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw EncoursErrors.badFile(
          what,
          "does not match the canonical schema: " + String.join("; ", problems),
          "Was it written by another version of Encours, or by hand?");
    }
  }
}

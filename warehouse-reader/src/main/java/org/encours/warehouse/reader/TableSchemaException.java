package org.encours.warehouse.reader;

import org.encours.core.UserFacingException;

/** A served table lacks a column the API reads, or has it with another type. */
public final class TableSchemaException extends UserFacingException {
  private static final long serialVersionUID = 1L;

  public TableSchemaException(String path, String column, String expected, String found) {
    super(
        "The Delta table at "
            + path
            + " cannot be served: column '"
            + column
            + "' should be "
            + expected
            + " but is "
            + found
            + ". Rerun the job that writes it with this version of Encours.");
  }
}

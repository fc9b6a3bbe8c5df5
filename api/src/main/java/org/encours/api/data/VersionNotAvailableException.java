package org.encours.api.data;

/** An older version of a table was asked for that Delta can no longer read (or never existed). */
public final class VersionNotAvailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long version;

  VersionNotAvailableException(ServedTable table, long version, Throwable cause) {
    super(
        "Version "
            + version
            + " of "
            + table.tableName()
            + " cannot be read: "
            + cause.getMessage(),
        cause);
    this.version = version;
  }

  public long version() {
    return version;
  }
}

package org.encours.ingest.mapping;

/** File formats a source can have. */
public enum SourceFormat {
  CSV("csv"),
  PARQUET("parquet"),
  JSON("json");

  private final String sparkFormat;

  SourceFormat(String sparkFormat) {
    this.sparkFormat = sparkFormat;
  }

  /** The name Spark's DataFrameReader knows the format by. */
  public String sparkFormat() {
    return sparkFormat;
  }
}

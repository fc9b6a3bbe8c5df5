package org.encours.core.tables;

/** One column of a warehouse table (or one field of a struct column): its name and type. */
public record TableColumn(String name, ColumnType type) {}

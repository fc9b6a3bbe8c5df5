/**
 * The {@code ./encours} command line: a thin main ({@link org.encours.core.cli.Encours}) that finds
 * the subcommands present on its classpath through {@link java.util.ServiceLoader}, so the same
 * entry point runs Spark jobs and the Spark-free API; and {@link org.encours.core.cli.Progress},
 * the progress lines long jobs print.
 */
package org.encours.core.cli;

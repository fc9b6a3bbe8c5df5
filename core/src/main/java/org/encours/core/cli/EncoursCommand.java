package org.encours.core.cli;

import java.util.concurrent.Callable;

/**
 * A subcommand of {@code ./encours}. Modules contribute commands through {@link
 * java.util.ServiceLoader} (a {@code META-INF/services/org.encours.core.cli.EncoursCommand} file),
 * so the same entry point runs jobs on the Spark classpath and the API server on the Spark-free
 * one. Implementations are picocli {@code @Command}s with {@code mixinStandardHelpOptions = true};
 * {@code call()} returns the exit code.
 */
public interface EncoursCommand extends Callable<Integer> {}

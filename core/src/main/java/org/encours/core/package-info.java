/**
 * What every Encours module shares without Spark: the user-facing error type and its one factory
 * ({@link org.encours.core.EncoursErrors}), so that every message says what is wrong, why, and how
 * to fix it.
 */
package org.encours.core;

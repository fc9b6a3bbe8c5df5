/**
 * The HTTP API of Encours, without Spark: {@code encours serve} ({@link
 * org.encours.api.ServeCommand}) reads the served Delta tables with Delta Kernel ({@code data}),
 * answers over Javalin ({@code http}) with API keys and rate limits ({@code security}) and exports
 * Prometheus metrics ({@code metrics}); {@code encours api-key} makes keys.
 */
package org.encours.api;

/** Prometheus metrics of the API server: requests, latency, table versions, reloads. */
package org.encours.api.metrics;

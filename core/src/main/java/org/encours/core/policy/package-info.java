/**
 * The prevention policy: what a customer's risk grade, probability of paying late, exposure and
 * amounts imply for deposits, credit limit, payment terms, reminder ladders and escalation. The
 * policy is data ({@code default-policy.yaml} plus an optional override file), validated on load by
 * {@link org.encours.core.policy.Policy}; its decisions are pure functions from small records
 * ({@link org.encours.core.policy.CustomerRisk}, {@link org.encours.core.legal.InvoiceFacts}) to
 * small records ({@link org.encours.core.policy.Recommendation}, {@link
 * org.encours.core.policy.QuoteCheck}, {@link org.encours.core.policy.DunningPlan}) that carry
 * their reasons in plain words. Everything is immutable, serializable and thread-safe, for Spark
 * UDFs and HTTP handlers alike.
 */
package org.encours.core.policy;

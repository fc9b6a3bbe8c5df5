/**
 * The prevention policy applied in batch: {@link org.encours.prevention.RecommendJob} turns each
 * customer's score and position as of a date into a recommendation (deposit, credit limit, terms,
 * reminder ladder, flags, reasons) and each open invoice into a dunning plan (next action, its date
 * and channel, amount due with statutory penalties and the EUR 40 indemnity, limitation date). The
 * rules themselves are the pure-Java {@link org.encours.core.policy.Policy}; this package only
 * feeds it and writes the {@code recommendations} and {@code dunning_plan} tables.
 */
package org.encours.prevention;

package org.encours.core.prospect;

/**
 * One reason behind a prospect's score, in plain words.
 *
 * @param group what the reason is about: sector, size_band, country, channel, month, amount, terms,
 *     age, market
 * @param text e.g. "sector construction: 31 % of invoices paid more than 30 days late (412 known)"
 * @param contribution the group's push on the log-odds of being late, measured from the training
 *     average (positive: riskier than average)
 * @param unseen true when the prospect's value was never seen in training (scored as average)
 */
public record ProspectReason(String group, String text, double contribution, boolean unseen) {}

package org.encours.api.engines;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What is known of a prospect (a company with no payment history) when a salesperson quotes:
 * already validated by the API (country ISO 3166 alpha-2, age or creation date, amount and terms in
 * range). Any of the descriptive attributes may be null.
 */
public record ProspectAttributes(
    String country,
    String sector,
    String sizeBand,
    LocalDate companyCreatedDate,
    Double companyAgeYears,
    BigDecimal requestedAmount,
    Integer requestedTermsDays,
    String channel) {}

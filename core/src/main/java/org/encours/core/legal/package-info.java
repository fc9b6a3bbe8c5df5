/**
 * French business-to-business legal rules as computations over plain values: the payment-terms cap
 * (Code de commerce L441-10 I), late-payment penalties at the ECB rate + 10 points split by
 * half-year (L441-10 II), the EUR 40 recovery indemnity (D441-5), the 5-year limitation (L110-4)
 * and the amount due on an overdue invoice. Every number the law sets (caps, margins, the dated ECB
 * rate table, the legal interest rate) comes from {@code legal-rules.yaml} through {@link
 * org.encours.core.legal.LegalRules}, never from code; everything here is immutable and
 * thread-safe.
 */
package org.encours.core.legal;

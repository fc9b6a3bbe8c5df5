#!/usr/bin/env python3
"""Splits a canonical-CSV ledger (from `encours generate`) at a date into what an ERP export would
have held on that date (BASE) and the rows a one-month-later export adds or changes (INCREMENT).

    bench/ledger_cut.py LEDGER_DIR CUT_DATE BASE_DIR INCREMENT_DIR

BASE: customers created on or before the cut (or invoiced by then), invoices issued on or before it
(a dispute raised after the cut is not known yet: disputed=false, no date), payments and dunning
events dated on or before it. INCREMENT: everything dated after the cut, plus each invoice issued
before the cut whose dispute was raised after it (the same row, now disputed: the ERP re-exports a
changed invoice and ingest's MERGE updates it), plus the customers created after the cut.
Used by bench/pipeline.sh for the incremental month; dates are ISO (yyyy-MM-dd), as the generator
writes them. Prints the row counts.
"""
import csv
import os
import sys


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    src, cut, base_dir, inc_dir = sys.argv[1:]
    for d in (base_dir, inc_dir):
        os.makedirs(d, exist_ok=True)
    counts = {}

    def split(name, is_base, changed=None):
        """Writes each row of NAME to BASE when is_base(row), else to INCREMENT; changed(row) gives
        (base version, increment version) for rows that are in both."""
        with open(os.path.join(src, name), newline="", encoding="utf-8") as f, \
                open(os.path.join(base_dir, name), "w", newline="", encoding="utf-8") as b, \
                open(os.path.join(inc_dir, name), "w", newline="", encoding="utf-8") as i:
            reader = csv.DictReader(f)
            wb = csv.DictWriter(b, reader.fieldnames, lineterminator="\n")
            wi = csv.DictWriter(i, reader.fieldnames, lineterminator="\n")
            wb.writeheader()
            wi.writeheader()
            nb = ni = 0
            for row in reader:
                if changed is not None:
                    both = changed(row)
                    if both is not None:
                        wb.writerow(both[0])
                        wi.writerow(both[1])
                        nb += 1
                        ni += 1
                        continue
                if is_base(row):
                    wb.writerow(row)
                    nb += 1
                else:
                    wi.writerow(row)
                    ni += 1
            counts[name] = (nb, ni)

    invoiced_by_cut = set()

    def invoice_in_base(row):
        if row["issue_date"] <= cut:
            invoiced_by_cut.add(row["customer_id"])
            return True
        return False

    def dispute_after_cut(row):
        if row["issue_date"] <= cut and row.get("dispute_date") and row["dispute_date"] > cut:
            invoiced_by_cut.add(row["customer_id"])
            before = dict(row, disputed="false", dispute_date="")
            return before, row
        return None

    split("invoices.csv", invoice_in_base, dispute_after_cut)
    split("customers.csv", lambda r: r["created_date"] <= cut or r["customer_id"] in invoiced_by_cut)
    split("payments.csv", lambda r: r["payment_date"] <= cut)
    split("dunning_events.csv", lambda r: r["event_date"] <= cut)
    for name, (nb, ni) in counts.items():
        print(f"{name}: {nb:,} rows up to {cut}, {ni:,} rows new or changed after it")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Derives two ledgers from a generated one (encours generate), for docs/table-layout.md.

  increment SRC OUT  one more month as a delta export: 1/36 of the invoices again under new ids
                     (with one payment each, on the due date), and 2,000 recent invoices now disputed
                     (updates in place); customers unchanged (copied).
  skew SRC OUT SHARE the same ledger with the invoices and dunning events of the first customers
                     re-keyed to C0000001 until it holds SHARE (e.g. 0.05) of all invoices.

Standard library only; streams the CSVs (constant memory).
"""
import csv, os, shutil, sys

def rows(path):
    with open(path, newline='', encoding='utf-8') as f:
        r = csv.reader(f)
        header = next(r)
        for row in r:
            yield header, row

def increment(src, out):
    os.makedirs(out, exist_ok=True)
    shutil.copy(os.path.join(src, 'customers.csv'), out)
    total = sum(1 for _ in rows(os.path.join(src, 'invoices.csv')))
    every = 36
    disputed = 0
    with open(os.path.join(out, 'invoices.csv'), 'w', newline='', encoding='utf-8') as fi, \
         open(os.path.join(out, 'payments.csv'), 'w', newline='', encoding='utf-8') as fp:
        wi, wp = csv.writer(fi), csv.writer(fp)
        wp.writerow(['payment_id', 'invoice_id', 'payment_date', 'amount'])
        for i, (h, row) in enumerate(rows(os.path.join(src, 'invoices.csv'))):
            if i == 0:
                wi.writerow(h)
                col = {c: k for k, c in enumerate(h)}
            if i % every == 0:
                new = list(row)
                new[col['invoice_id']] = 'NEW' + row[col['invoice_id']]
                wi.writerow(new)
                wp.writerow(['PNEW' + row[col['invoice_id']], new[col['invoice_id']], row[col['due_date']], row[col['amount']]])
            elif disputed < 2000 and row[col['issue_date']] >= '2026-09-01' and row[col['disputed']] == 'false' and i % 7 == 1:
                upd = list(row)
                upd[col['disputed']] = 'true'
                upd[col['dispute_date']] = row[col['issue_date']]
                wi.writerow(upd)
                disputed += 1
    print(f'increment: {total // every + 1} new invoices and payments, {disputed} invoices now disputed -> {out}')

def skew(src, out, share):
    os.makedirs(out, exist_ok=True)
    shutil.copy(os.path.join(src, 'customers.csv'), out)
    shutil.copy(os.path.join(src, 'payments.csv'), out)
    counts = {}
    for h, row in rows(os.path.join(src, 'invoices.csv')):
        counts[row[1]] = counts.get(row[1], 0) + 1
    target, moved, rekey = share * sum(counts.values()), 0, set()
    for c in sorted(counts):
        if moved >= target:
            break
        rekey.add(c)
        moved += counts[c]
    for name, col in (('invoices.csv', 1), ('dunning_events.csv', 2)):
        with open(os.path.join(out, name), 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f)
            for i, (h, row) in enumerate(rows(os.path.join(src, name))):
                if i == 0:
                    w.writerow(h)
                    assert h[col] == 'customer_id', h
                if row[col] in rekey:
                    row[col] = 'C0000001'
                w.writerow(row)
    print(f'skew: {len(rekey)} customers re-keyed to C0000001, which now has {moved} of {sum(counts.values())} invoices -> {out}')

if __name__ == '__main__':
    if sys.argv[1] == 'increment':
        increment(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == 'skew':
        skew(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    else:
        sys.exit(__doc__)

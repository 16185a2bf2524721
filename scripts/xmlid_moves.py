#!/usr/bin/env python3
"""The records that changed add-on between two layouts, computed from two
databases: OLD_DB made by the old code (the migration fixture restored, or
any database of `make run` before the split) and NEW_DB a fresh install with
demo data of the new code.

    scripts/xmlid_moves.py OLD_DB NEW_DB [--out DIR]

A name moves when, in OLD_DB, one of our add-ons owns it and, in NEW_DB,
that add-on no longer does but another of ours owns the same name (for the
same model). "Ours" are the add-ons of addons/ (not the test-only ones of
tests/odoo_addons, which make test's database also has). Writes to DIR
(default: crm_callcenter's migration folder):
  xmlid_moves.csv       old_module,new_module,name   (ir_model_data)
  constraint_moves.csv  old_module,new_module,name   (ir_model_constraint,
                                                      ir_model_relation)
A name several add-ons own is decided as moves() says; a name still
claimed by two add-ons is reported and left out (decide by hand) and the
exit status is 1.
"""
import argparse
import csv
import os
import sys

import psycopg2

HERE = os.path.dirname(os.path.abspath(__file__))
ADDONS = os.path.join(HERE, "..", "addons")
DEFAULT_OUT = os.path.join(ADDONS, "crm_callcenter", "migrations", "11.0.2.0.0")
# XML ids renamed since (11.0.2.1.0, after the moves): old_name,new_name
RENAMES = os.path.join(ADDONS, "crm_callcenter", "migrations", "11.0.2.1.0", "xmlid_renames.csv")
# the add-ons of this checkout (the old ones keep their folders)
OURS = tuple(sorted(name for name in os.listdir(ADDONS)
                    if os.path.isfile(os.path.join(ADDONS, name, "__manifest__.py"))))


XMLIDS = """
    SELECT d.module, d.name, d.model FROM ir_model_data d
      JOIN ir_module_module m ON m.name = d.module
     WHERE m.name IN %(ours)s AND m.state = 'installed'"""
CONSTRAINTS = """
    SELECT m.name, c.name, 'constraint' FROM ir_model_constraint c
      JOIN ir_module_module m ON m.id = c.module WHERE m.name IN %(ours)s
    UNION
    SELECT m.name, r.name, 'relation' FROM ir_model_relation r
      JOIN ir_module_module m ON m.id = r.module WHERE m.name IN %(ours)s"""


# every add-on that defines or extends a model gets its own reflection XML
# id (model_crm_call, field_res_partner_x); the rows are made again for any
# add-on that lacks one, so any receiver will do
REFLECTIONS = ("ir.model", "ir.model.fields")


def moves(old_rows, new_rows):
    """(old_module, new_module, name) for each moved name; ambiguous names.

    A name several add-ons own (crm_call_view_form: each add-on's own
    extension of the call form) moves only to an add-on that did not own it
    before and that another old owner of the name did not go to; among
    several, to the one the old add-on's other records went to (crm_ticket's
    to crm_ticket_telephony); a reflection row left undecided goes to the
    first of them by name."""
    new_owned = set((module, name) for module, name, _kind in new_rows)
    owners, old_owners = {}, {}
    for module, name, kind in new_rows:
        owners.setdefault((name, kind), set()).add(module)
    for module, name, kind in old_rows:
        old_owners.setdefault((name, kind), set()).add(module)
    found, undecided, ambiguous = [], [], []
    for module, name, kind in sorted(set(old_rows)):
        if (module, name) in new_owned:
            continue
        others = owners.get((name, kind), set()) - old_owners[(name, kind)]
        if len(others) == 1:
            found.append((module, others.pop(), name))
        elif others:
            undecided.append((module, name, kind, others))
    # a decision may show where the old add-on's records go: repeat
    while undecided:
        destinations = {}
        for old, new, _name in found:
            destinations.setdefault(old, set()).add(new)
        taken = {}
        for _old, new, name in found:
            taken.setdefault(name, set()).add(new)
        left = []
        for module, name, kind, others in undecided:
            # not a receiver another old owner of the name went to
            others = others - taken.get(name, set())
            likely = others & destinations.get(module, set()) if len(others) > 1 else others
            if len(likely) == 1:
                found.append((module, likely.pop(), name))
            else:
                left.append((module, name, kind, likely or others))
        if len(left) == len(undecided):
            break
        undecided = left
    for module, name, kind, likely in undecided:
        if kind in REFLECTIONS:
            found.append((module, sorted(likely)[0], name))
        else:
            ambiguous.append((module, name, sorted(likely)))
    return found, ambiguous


def renamed_back(rows):
    """The rows of the new layout under the names 11.0.2.0.0's moves use:
    11.0.2.1.0 renames the moved rows after they moved."""
    with open(RENAMES, encoding="utf-8") as handle:
        back = {row["new_name"]: row["old_name"] for row in csv.DictReader(handle)}
    return [(module, back.get(name, name), kind) for module, name, kind in rows]


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["old_module", "new_module", "name"])
        writer.writerows(sorted(rows))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old_db")
    parser.add_argument("new_db")
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    status = 0
    for filename, query in (("xmlid_moves.csv", XMLIDS), ("constraint_moves.csv", CONSTRAINTS)):
        rows = {}
        for which, dbname in (("old", args.old_db), ("new", args.new_db)):
            with psycopg2.connect(dbname=dbname) as conn, conn.cursor() as cr:
                cr.execute(query, {"ours": OURS})
                rows[which] = cr.fetchall()
        if filename == "xmlid_moves.csv":
            rows["new"] = renamed_back(rows["new"])
        found, ambiguous = moves(rows["old"], rows["new"])
        for module, name, others in ambiguous:
            print("ambiguous: %s.%s is owned by %s in %s" % (module, name, ", ".join(others),
                                                             args.new_db), file=sys.stderr)
            status = 1
        os.makedirs(args.out, exist_ok=True)
        _write(os.path.join(args.out, filename), found)
        by_pair = {}
        for old, new, _name in found:
            by_pair[(old, new)] = by_pair.get((old, new), 0) + 1
        print("%s: %d moves %s" % (filename, len(found),
                                   ", ".join("%s->%s %d" % (o, n, c)
                                             for (o, n), c in sorted(by_pair.items()))))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

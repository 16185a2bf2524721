"""An existing database updated to this code keeps its data (issue 17).

Run by scripts/check_migration.sh, which restores the fixture made by an
older main (tests/data/migration/) twice: MIGRATION_BEFORE_DB as it is,
MIGRATION_DB updated with `-u all` (log MIGRATION_LOG) and once more
(MIGRATION_LOG2); TEST_DB is MIGRATION_DB, for the live server. Skipped
elsewhere (`make test` builds its database fresh)."""
import ast
import csv
import difflib
import http.cookiejar
import json
import os
import pathlib
import re
import subprocess
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
AFTER = os.environ.get("MIGRATION_DB")
BEFORE = os.environ.get("MIGRATION_BEFORE_DB")
# a fresh install of this code with demo data (make test's database)
FRESH = os.environ.get("MIGRATION_FRESH_DB")
MIGRATION = ROOT / "addons/crm_callcenter/migrations/11.0.2.0.0"
# XML ids renamed after the moves (11.0.2.1.0): old name -> new name
with open(str(ROOT / "addons/crm_callcenter/migrations/11.0.2.1.0/xmlid_renames.csv"),
          encoding="utf-8") as _handle:
    RENAMES = {row["old_name"]: row["new_name"] for row in csv.DictReader(_handle)}
AUTHOR = "Call Center CRM team"
pytestmark = pytest.mark.skipif(not (AFTER and BEFORE),
                                reason="run by scripts/check_migration.sh")

# The one kind of ERROR line the first update may print: Odoo 11 builds the
# graph of installed add-ons before any migration runs, so an add-on that
# now depends on a new one (crm_ticket on crm_telephony...), and the add-ons
# that depend on it, are left out of the first pass with this message; they
# load in the next pass, once crm_callcenter's pre-migrate has marked the
# new add-ons to upgrade (test_every_addon_installed proves they did).
UNMET = re.compile(r" ERROR \S+ odoo\.modules\.graph: module (\w+): Unmet dependencies: ([\w, ]+)$")
# columns the new code removes on purpose (table, column): none so far
DROPPED_COLUMNS = set()
# records (add-on before the update, XML id) that must exist after it, in
# whatever add-on owns them now, with the id they had: the demo PBX, a view,
# the app menu, a group, the call model, a demo agent, a ticket type
SAMPLES = [
    ("crm_callcenter", "crm_pbx_demo"),
    ("crm_callcenter", "crm_call_view_form"),
    ("crm_flow", "menu_root"),
    ("crm_callcenter", "group_agent"),
    ("crm_callcenter", "model_crm_call"),
    ("crm_callcenter", "user_agent_demo"),
    ("crm_ticket", "crm_call_view_form"),
]


def sql(db, query, *params):
    """Rows of ``query`` in ``db`` through psql (the real PostgreSQL); params
    are %s placeholders, quoted as SQL literals."""
    literals = tuple("'%s'" % str(value).replace("'", "''") for value in params)
    out = subprocess.run(["psql", "-X", "-At", "-F", "\x1f", "-d", db, "-c", query % literals],
                         check=True, capture_output=True, text=True).stdout
    return [tuple(line.split("\x1f")) for line in out.splitlines()]


def our_addons():
    found = {}
    for manifest in (ROOT / "addons").glob("*/__manifest__.py"):
        info = ast.literal_eval(manifest.read_text(encoding="utf-8"))
        if info.get("installable", True):
            found[manifest.parent.name] = info
    return found


def test_every_addon_installed():
    states = dict(sql(AFTER, "SELECT name, state FROM ir_module_module"))
    wrong = {name: states.get(name, "absent") for name in our_addons()
             if states.get(name) != "installed"}
    assert not wrong, "our add-ons not installed after the update: %s" % wrong
    pending = sql(AFTER, "SELECT name, state FROM ir_module_module "
                         "WHERE state IN ('to upgrade', 'to install', 'to remove')")
    assert not pending, "add-ons left half-done: %s" % pending


METADATA = ("ir_model", "ir_ui_", "ir_act", "ir_translation")


def _our_tables(db):
    """Tables holding the records of our models and of the models we
    extend, and our many2many tables, as the fixture says."""
    models = sql(db, """
        SELECT m.model FROM ir_model m
          JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
          JOIN ir_module_module mm ON mm.name = d.module AND mm.author = %s
         WHERE NOT m.transient
        UNION
        SELECT f.model FROM ir_model_fields f
          JOIN ir_model m ON m.id = f.model_id AND NOT m.transient
          JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
          JOIN ir_module_module mm ON mm.name = d.module AND mm.author = %s
         WHERE f.store""", AUTHOR, AUTHOR)
    relations = sql(db, """
        SELECT r.name FROM ir_model_relation r
          JOIN ir_module_module mm ON mm.id = r.module AND mm.author = %s""", AUTHOR)
    names = {model.replace(".", "_") for model, in models} | {name for name, in relations}
    # Odoo's own description of the code (models, fields, views, menus,
    # actions, translations) follows the code, not the data
    names = {name for name in names if not name.startswith(METADATA)}
    tables = {name for name, in sql(db, "SELECT tablename FROM pg_tables "
                                        "WHERE schemaname = 'public'")}
    return sorted(names & tables)


def _columns(db, table):
    return {name for name, in sql(db, "SELECT column_name FROM information_schema.columns "
                                      "WHERE table_schema = 'public' AND table_name = %s", table)}


def _keys(db, table, columns):
    """The ids of an ORM table's rows, the rows of a many2many table; the
    row count of a summary table that a report model (_auto = False) fills
    again in init() (crm_order_statistics)."""
    if "create_date" in columns:
        return {row[0] for row in sql(db, 'SELECT id FROM "%s"' % table)}
    if "id" not in columns:
        return set(sql(db, 'SELECT * FROM "%s"' % table))
    return int(sql(db, 'SELECT count(*) FROM "%s"' % table)[0][0])


# tables whose rows must come out of the update unchanged, column by column
# (the columns both databases have, but the update's own write_date/uid)
UNCHANGED = ("crm_call", "crm_agent_state_log", "crm_pbx", "crm_call_qa", "crm_department")


def _rows(db, table, columns):
    listed = ", ".join('"%s"' % name for name in sorted(columns - {"write_date", "write_uid"}))
    return set(sql(db, 'SELECT %s FROM "%s"' % (listed, table)))


def test_rows_and_columns_kept():
    """No row of our models (or of the models we extend) is lost or changes
    its id, no column is dropped, and the telephony rows are unchanged."""
    tables = _our_tables(BEFORE)
    assert {"crm_call", "res_partner", "crm_ticket", "sale_order", "crm_pbx",
            "crm_agent_state_log"} <= set(tables), tables
    after_tables = {name for name, in sql(AFTER, "SELECT tablename FROM pg_tables "
                                                 "WHERE schemaname = 'public'")}
    lost_rows, lost_columns, changed = {}, {}, {}
    for table in tables:
        if table not in after_tables:
            lost_rows[table] = "table dropped"
            continue
        before_columns, after_columns = _columns(BEFORE, table), _columns(AFTER, table)
        before = _keys(BEFORE, table, before_columns)
        after = _keys(AFTER, table, after_columns)
        if isinstance(before, int):
            if after < before:
                lost_rows[table] = "%d rows, %d before" % (after, before)
        elif before - after:
            lost_rows[table] = "%d of %d rows" % (len(before - after), len(before))
        lost = {column for column in before_columns - after_columns
                if (table, column) not in DROPPED_COLUMNS}
        if lost:
            lost_columns[table] = sorted(lost)
        if table in UNCHANGED:
            common = before_columns & after_columns
            differ = _rows(BEFORE, table, common) - _rows(AFTER, table, common)
            if differ:
                changed[table] = len(differ)
    assert not lost_rows, "rows lost by the update: %s" % lost_rows
    assert not lost_columns, "columns dropped by the update: %s" % lost_columns
    assert not changed, "rows changed by the update: %s" % changed


@pytest.mark.skipif(not FRESH, reason="no fresh install to compare with (MIGRATION_FRESH_DB)")
def test_moves_lists_up_to_date(tmp_path):
    """The committed lists are what scripts/xmlid_moves.py computes from the
    fixture and a fresh install of this code: a record moved since and not
    listed would be deleted and made again with a new id (a group: its
    users lose it), or made twice (noupdate data such as the demo PBX)."""
    run = subprocess.run([str(ROOT / ".venv/bin/python"), str(ROOT / "scripts/xmlid_moves.py"),
                          BEFORE, FRESH, "--out", str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    for name in ("xmlid_moves.csv", "constraint_moves.csv"):
        committed = (MIGRATION / name).read_text(encoding="utf-8").splitlines()
        computed = (tmp_path / name).read_text(encoding="utf-8").splitlines()
        diff = list(difflib.unified_diff(committed, computed, "committed", "computed",
                                         lineterm="", n=0))
        assert not diff, "%s is out of date: run scripts/update_xmlid_moves.sh\n%s" % (
            name, "\n".join(diff[:60]))


def _moves():
    path = MIGRATION / "xmlid_moves.csv"
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return {tuple(line.split(",")[::2]): line.split(",")[1] for line in lines}


def _xmlids(db):
    rows = sql(db, """
        SELECT d.module, d.name, d.model, d.res_id FROM ir_model_data d
          JOIN ir_module_module mm ON mm.name = d.module AND mm.author = %s""", AUTHOR)
    return {(module, name): (model, res_id) for module, name, model, res_id in rows}


def test_records_keep_their_ids():
    """Every record of ours keeps its id under its XML id, in the add-on
    that owns it now; one another add-on of ours took over with a new id
    means a move is missing from xmlid_moves.csv."""
    before, after, moves = _xmlids(BEFORE), _xmlids(AFTER), _moves()
    by_name = {}
    for (module, name), (model, res_id) in after.items():
        by_name.setdefault((name, model), []).append((module, res_id))
    wrong, missed, gone = [], [], []
    for (module, name), (model, res_id) in sorted(before.items()):
        new_module = moves.get((module, name), module)
        new_name = RENAMES.get(name, name)
        if (new_module, new_name) in after:
            if after[(new_module, new_name)] != (model, res_id):
                wrong.append("%s.%s: %s -> %s" % (
                    module, name, res_id, after[(new_module, new_name)]))
            continue
        elsewhere = by_name.get((new_name, model))
        if elsewhere:
            missed.append("%s.%s (now %s)" % (module, name, elsewhere))
        else:
            gone.append("%s.%s" % (module, name))
    assert not wrong, "records whose id changed: %s" % wrong
    assert not missed, "moved records not in xmlid_moves.csv: %s" % missed
    for module, name in SAMPLES:
        new_module = moves.get((module, name), module)
        assert after.get((new_module, RENAMES.get(name, name))) == before[(module, name)], \
            (module, name)
    print("%d XML ids moved, %d deleted by the new code: %s" % (
        len(moves), len(gone), ", ".join(gone[:50])))


def _log_errors(path):
    text = pathlib.Path(path).read_text(encoding="utf-8", errors="replace")
    assert "Modules loaded." in text, "%s: the update did not finish" % path
    return [line for line in text.splitlines() if re.search(r" (ERROR|CRITICAL) ", line)], text


def test_update_log_clean():
    errors, text = _log_errors(os.environ["MIGRATION_LOG"])
    ours = set(our_addons())

    def explained(line):
        unmet = UNMET.search(line)
        return unmet and {unmet.group(1)} | set(unmet.group(2).split(", ")) <= ours

    unexplained = [line for line in errors if not explained(line)]
    assert not unexplained, "\n".join(unexplained)
    dropped = re.findall(r"Deleting \d+@ir\.model \(.*\)", text)
    assert not dropped, "models deleted (their tables dropped): %s" % dropped


def test_second_update_clean():
    errors, _text = _log_errors(os.environ["MIGRATION_LOG2"])
    assert not errors, "\n".join(errors)


def _json_rpc(opener, url, params):
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with opener.open(request, timeout=60) as response:
        answer = json.loads(response.read())
    assert "error" not in answer, answer.get("error")
    return answer["result"]


def test_demo_agent_reads_a_call(odoo_server):
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    session = _json_rpc(opener, odoo_server.url + "/web/session/authenticate",
                        {"db": AFTER, "login": "agent", "password": "agent"})
    assert session["uid"], "the demo agent cannot log in"
    calls = _json_rpc(opener, odoo_server.url + "/web/dataset/call_kw", {
        "model": "crm.call", "method": "search_read", "args": [[]],
        "kwargs": {"fields": ["number", "partner_id", "user_id", "talk_seconds"],
                   "limit": 5}})
    assert calls, "the demo agent sees no call"
    assert all(call["user_id"][0] == session["uid"] for call in calls), calls

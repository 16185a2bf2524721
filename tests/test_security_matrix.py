"""docs/SECURITY.md's table of what each role may read and write is the
database's own (model access rights and record rules of a fresh install),
not a hand-written copy: this test fails when they differ. After changing
rights, regenerate it: ``UPDATE_SECURITY_DOC=1`` with this test."""
import os
import pathlib

import security_matrix

DOC = pathlib.Path(__file__).resolve().parents[1] / "docs" / "SECURITY.md"


def test_security_doc_matches_the_database(odoo_server):
    admin = odoo_server.rpc("admin", "admin")
    table = security_matrix.matrix(admin)
    document = DOC.read_text(encoding="utf-8")
    expected = security_matrix.splice(document, table)
    if os.environ.get("UPDATE_SECURITY_DOC"):
        DOC.write_text(expected, encoding="utf-8")
    assert "| `crm.call` |" in table and "| `crm.pbx` |" in table, "the table misses models"
    assert document == expected, (
        "docs/SECURITY.md's role table differs from the database's rights: run "
        "UPDATE_SECURITY_DOC=1 pytest tests/test_security_matrix.py and review the diff")

"""docs/FEATURES.md names the tests that prove each feature: every test
module, test class and test it names must exist, so that renaming or
splitting a test file cannot leave a feature row pointing at nothing."""
import fnmatch
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
FEATURES = ROOT / "docs" / "FEATURES.md"
#: `tests/test_x.py::test_y`, or `test_x.test_y` / `test_x.TestY` / `test_x`
E2E = re.compile(r"tests/(test_\w+)\.py(?:::(\w+))?")
ODOO = re.compile(r"(?<![\w/.])(test_\w+\*?)(?:\.(\w+\*?))?")


def modules():
    """{module name: [paths]} of every test module in the repository."""
    found = {}
    for path in list(ROOT.glob("addons/*/tests/test_*.py")) + list(ROOT.glob("tests/test_*.py")) \
            + list(ROOT.glob("tests/odoo_addons/*/tests/test_*.py")):
        found.setdefault(path.stem, []).append(path)
    return found


def names_in(paths):
    text = "\n".join(path.read_text(encoding="utf-8") for path in paths)
    return set(re.findall(r"^\s*(?:def|class)\s+(\w+)", text, re.M))


def references():
    """(row id, module, name or None) for every test the rows name."""
    for line in FEATURES.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) < 4 or not re.match(r"^[A-Z]+-\d+$", cells[1]):
            continue
        text = cells[3]
        for module, name in E2E.findall(text):
            yield cells[1], module, name or None
        for module, name in ODOO.findall(E2E.sub(" ", text)):
            yield cells[1], module, name or None


def test_every_named_test_exists():
    known = modules()
    addons = {path.name for path in ROOT.glob("tests/odoo_addons/test_*")}
    defined = {module: names_in(paths) for module, paths in known.items()}
    everywhere = set().union(*defined.values())
    missing = []
    for row, module, name in references():
        if module in addons and not name:
            continue  # a test add-on, its tests listed after it
        if module in known:
            if name and not fnmatch.filter(defined[module], name):
                missing.append((row, module, name))
        elif name or not fnmatch.filter(everywhere, module):
            # a bare name after a module's list, "(test_a, test_b*)", must be
            # a test of some module
            missing.append((row, module, name))
    assert not missing, "docs/FEATURES.md names tests that do not exist: %s" % missing


def test_named_addon_holds_the_module():
    """"crm_x: test_y" names the add-on whose tests/ holds test_y."""
    wrong = []
    for match in re.finditer(r"\b(crm_\w+): (test_\w+)", FEATURES.read_text(encoding="utf-8")):
        addon, module = match.groups()
        if not (ROOT / "addons" / addon / "tests" / (module + ".py")).exists():
            wrong.append((addon, module))
    assert not wrong, "docs/FEATURES.md names the wrong add-on for: %s" % wrong


def test_rows_name_tests():
    assert len(set(row for row, _module, _name in references())) >= 40

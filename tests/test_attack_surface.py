"""The attack surface stays reviewed (issue 14): every public method (no
leading underscore) of every model our add-ons define or extend is callable
over RPC by any logged-in user, portal included, and every ``http.route`` by
whoever its ``auth`` admits. Both are read from the source here and must
match ``attack_surface.md`` beside this file, which says for each one who may
call it and what it checks. A new public method or route fails this test
until someone has reviewed it and written its line."""
import ast
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
ADDONS = ROOT / "addons"
REVIEWED = pathlib.Path(__file__).with_name("attack_surface.md")
#: mixins whose public methods are reviewed once per model inheriting them
#: (what they let through depends on each model's rights and rules)
PER_MODEL_MIXINS = {"crm.list.page.mixin"}


def _literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def _python_files():
    for path in sorted(ADDONS.rglob("*.py")):
        relative = path.relative_to(ADDONS)
        if "tests" in relative.parts:
            continue
        yield path, relative


def _route_decorator(function):
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "attr", None) == "route":
            return decorator
    return None


def code_surface():
    """({(model, method): file}, {route: (auth, csrf, file)}) from the source."""
    methods, routes, heirs = {}, {}, []
    for path, relative in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
            names = {}
            for statement in cls.body:
                if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                        and isinstance(statement.targets[0], ast.Name) \
                        and statement.targets[0].id in ("_name", "_inherit"):
                    names[statement.targets[0].id] = _literal(statement.value)
            model = names.get("_name") or names.get("_inherit")
            inherit = names.get("_inherit")
            if names.get("_name") and inherit:
                heirs += [(names["_name"], mixin, str(relative))
                          for mixin in ([inherit] if isinstance(inherit, str) else inherit)
                          if mixin in PER_MODEL_MIXINS]
            if isinstance(model, list):
                model = model[0] if len(model) == 1 else None
            for function in cls.body:
                if not isinstance(function, ast.FunctionDef):
                    continue
                decorator = _route_decorator(function)
                if decorator is not None:
                    paths = _literal(decorator.args[0]) if decorator.args else None
                    keywords = {kw.arg: _literal(kw.value) for kw in decorator.keywords}
                    for route in ([paths] if isinstance(paths, str) else paths or []):
                        # Odoo checks the CSRF token of type="http" POSTs only
                        csrf = ("json" if keywords.get("type") == "json"
                                else str(keywords.get("csrf", True)))
                        routes[route] = (str(keywords.get("auth", "user")), csrf,
                                         str(relative))
                elif model and not function.name.startswith("_"):
                    methods[(model, function.name)] = str(relative)
    for model, mixin, relative in heirs:
        for (owner, method) in list(methods):
            if owner == mixin:
                methods.setdefault((model, method), relative)
    return methods, routes


ROW = re.compile(r"^\|(.+)\|\s*$")


def reviewed_surface():
    """({(model, method): (who, checks)}, {route: (auth, csrf, checks)})."""
    methods, routes, section = {}, {}, None
    for line in REVIEWED.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = "routes" if "route" in line.lower() else "methods"
            continue
        match = ROW.match(line)
        if not match or set(line) <= set("|-: "):
            continue
        cells = [cell.strip().strip("`") for cell in match.group(1).split("|")]
        if cells[0] in ("model", "route"):
            continue
        if section == "methods":
            methods[(cells[0], cells[1])] = (cells[2], cells[3])
        elif section == "routes":
            routes[cells[0]] = (cells[1], cells[2], cells[3])
    return methods, routes


def test_every_public_method_is_reviewed():
    code, _routes = code_surface()
    reviewed, _ = reviewed_surface()
    assert len(code) > 100, "the source scan found too few methods: is it still reading addons/?"
    new = sorted(set(code) - set(reviewed))
    gone = sorted(set(reviewed) - set(code))
    assert not new, "public methods not reviewed in attack_surface.md:\n%s" % "\n".join(
        "| %s | %s | ? | ? |  (%s)" % (m, f, code[(m, f)]) for m, f in new)
    assert not gone, "attack_surface.md lists methods that no longer exist: %s" % gone


def test_every_reviewed_method_says_who_and_what():
    reviewed, _ = reviewed_surface()
    vague = [key for key, (who, checks) in reviewed.items()
             if len(who) < 3 or len(checks) < 6 or "?" in (who, checks)]
    assert not vague, "write who may call and what is checked for: %s" % vague


def test_every_route_is_reviewed_with_its_auth_and_csrf():
    _methods, code = code_surface()
    _, reviewed = reviewed_surface()
    assert code, "the source scan found no route"
    new = sorted(set(code) - set(reviewed))
    gone = sorted(set(reviewed) - set(code))
    assert not new, "routes not reviewed in attack_surface.md:\n%s" % "\n".join(
        "| %s | %s | %s | ? |  (%s)" % (r, code[r][0], code[r][1], code[r][2]) for r in new)
    assert not gone, "attack_surface.md lists routes that no longer exist: %s" % gone
    changed = {route: (code[route][:2], reviewed[route][:2]) for route in code
               if code[route][:2] != reviewed[route][:2]}
    assert not changed, "auth/csrf changed since the review (code, reviewed): %s" % changed


def test_the_scan_sees_a_new_method(tmp_path):
    """The scan itself can fail: a public method added to a model shows up."""
    addon = tmp_path / "crm_probe" / "models"
    addon.mkdir(parents=True)
    (addon / "probe.py").write_text(
        "from odoo import models\n\nclass Probe(models.Model):\n"
        "    _inherit = 'res.partner'\n\n    def leak(self):\n        return 1\n\n"
        "    def _private(self):\n        return 2\n")
    globals()["ADDONS"], saved = tmp_path, ADDONS
    try:
        methods, _ = code_surface()
    finally:
        globals()["ADDONS"] = saved
    assert list(methods) == [("res.partner", "leak")]

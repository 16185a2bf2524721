#!/usr/bin/env python3
"""List this repository's add-ons in dependency order, or the Odoo add-ons they
need from outside the repository.

    addons.py ours [DIR...]   -> crm_flow,crm_callcenter,...
    addons.py external [DIR...] -> base,mail,sale_management,...
"""
import ast
import os
import sys


def manifests(dirs):
    found = {}
    for top in dirs:
        for name in sorted(os.listdir(top)):
            path = os.path.join(top, name, "__manifest__.py")
            if os.path.isfile(path):
                with open(path, encoding="utf-8") as handle:
                    found[name] = ast.literal_eval(handle.read())
    return found


def ordered(found):
    done, order = set(), []

    def visit(name):
        if name in done or name not in found:
            return
        done.add(name)
        for dep in found[name].get("depends", []):
            visit(dep)
        order.append(name)

    for name in sorted(found):
        visit(name)
    return order


def main(argv):
    mode, dirs = argv[1], argv[2:] or ["addons"]
    found = manifests(dirs)
    if mode == "ours":
        print(",".join(n for n in ordered(found) if found[n].get("installable", True)))
    elif mode == "external":
        deps = sorted({d for m in found.values() for d in m.get("depends", [])} - set(found))
        print(",".join(deps))
    else:
        sys.exit("usage: addons.py ours|external [DIR...]")


if __name__ == "__main__":
    main(sys.argv)

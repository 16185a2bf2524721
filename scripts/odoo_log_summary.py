#!/usr/bin/env python3
"""Check Odoo logs of `make test` and count the module tests.

usage: odoo_log_summary.py LOG RC [LOG RC ...]
The last LOG is the one of the --test-enable run. Prints every problem, then
one line "odoo: N passed, N failed". A problem in any log (non-zero exit,
CRITICAL/ERROR lines, missing access rules, no "Modules loaded.") counts as a
failure even if every test passed, because Odoo 11 exits 0 on some install
errors.
"""
import re
import sys

RAN = re.compile(r"\bRan (\d+) tests? in ")
MODULE_FAILED = re.compile(r"Module (\S+): (\d+) failures, (\d+) errors")
PROBLEM = re.compile(
    r" (CRITICAL|ERROR) |At least one test failed|no access rules, consider adding one")


def check(path, rc, count_tests):
    problems, ran, failed = [], 0, 0
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError as exc:
        return ["%s: cannot read log (%s)" % (path, exc)], 0, 0
    for line in lines:
        match = RAN.search(line)
        if match and count_tests:
            ran += int(match.group(1))
        match = MODULE_FAILED.search(line)
        if match and count_tests:
            failed += int(match.group(2)) + int(match.group(3))
        if PROBLEM.search(line):
            problems.append("%s: %s" % (path, line.strip()[:400]))
    if not any("Modules loaded." in line for line in lines):
        problems.append("%s: Odoo never logged 'Modules loaded.'" % path)
    if rc != "0":
        problems.append("%s: Odoo exited with status %s" % (path, rc))
    return problems, ran, failed


def main(argv):
    pairs = list(zip(argv[1::2], argv[2::2]))
    all_problems, ran, failed = [], 0, 0
    for index, (path, rc) in enumerate(pairs):
        problems, r, f = check(path, rc, index == len(pairs) - 1)
        all_problems += problems
        ran += r
        failed += f
    for problem in all_problems[:60]:
        print("PROBLEM " + problem)
    passed = ran - failed
    if all_problems and not failed:
        failed = 1  # the log check itself failed
    print("odoo: %d passed, %d failed" % (max(passed, 0), failed))


if __name__ == "__main__":
    main(sys.argv)

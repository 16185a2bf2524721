#!/usr/bin/env python3
"""Print "<passed> <failed>" from a pytest JUnit XML file (skips count as neither)."""
import sys
import xml.etree.ElementTree as ET


def main(path):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        print("0 1")
        return
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    tests = failed = skipped = 0
    for suite in suites:
        tests += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    print(tests - failed - skipped, failed)


if __name__ == "__main__":
    main(sys.argv[1])

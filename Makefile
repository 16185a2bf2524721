# Call-center CRM suite on Odoo 11. See README.md.
SHELL := /bin/bash
ONLY ?=

.PHONY: run test lint bench setup

setup:
	@scripts/setup.sh

run: setup
	@scripts/run.sh

test: setup
	@scripts/test.sh

lint:
	@scripts/lint.sh

bench: setup
	@scripts/bench.sh $(ONLY)

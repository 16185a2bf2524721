# Call-center CRM suite on Odoo 11. See README.md.
SHELL := /bin/bash
ONLY ?=
# `make run NODES=2`: several Odoo nodes behind one nginx (docs/DEPLOY.md)
NODES ?= 1

.PHONY: run test lint bench setup

setup:
	@scripts/setup.sh

run: setup
	@NODES=$(NODES) scripts/run.sh

test: setup
	@scripts/test.sh

lint:
	@scripts/lint.sh

bench: setup
	@scripts/bench.sh $(ONLY)

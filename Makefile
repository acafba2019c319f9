# Two commands on a fresh machine: `make run` and `make test`.
# Everything the project needs is installed by these targets, into .venv/ and
# the ignored .neo4j/ folder; a second run downloads nothing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501
# The explorer answers on this machine only; ADDRESS=0.0.0.0 make run shares it on the network.
ADDRESS ?= 127.0.0.1

.PHONY: run test setup neo4j chromium load explore stop scores bench clean-neo4j help

help:
	@echo "make run    set up, start Neo4j, load corpus/, serve the explorer on http://localhost:$(PORT)"
	@echo "make test   set up, then run the whole test suite against a real Neo4j"
	@echo "make scores score extraction on the development sets"
	@echo "make bench  measure speed and memory (SIZES=10000/100000), write BENCHMARKS.md"
	@echo "make stop   stop the local Neo4j server"

run: setup neo4j load explore

test: setup chromium
	$(BIN)/pytest -q

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	@touch $(STAMP)

neo4j: setup
	$(BIN)/liaison neo4j start

load: neo4j
	$(BIN)/liaison load corpus/

explore: setup
	$(BIN)/liaison explore --port $(PORT) --address $(ADDRESS)

stop: setup
	$(BIN)/liaison neo4j stop

chromium:
	@bash scripts/install-chromium.sh

scores: setup
	$(BIN)/python scripts/evaluate.py
	$(BIN)/python scripts/readme_scores.py

bench: setup
	$(BIN)/liaison bench corpus/ --sizes $(or $(SIZES),10000/100000)

clean-neo4j:
	-$(BIN)/liaison neo4j stop
	rm -rf .neo4j/instances

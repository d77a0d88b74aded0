# Two commands for a fresh machine: `make run` and `make test`. Both create .venv if missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := corpora/documents/western-science-city.th.txt
export PYTHAINLP_OFFLINE := 1
export HF_HUB_OFFLINE := 1

.PHONY: install run test eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	mkdir -p out
	$(BIN)/policy-pipeline analyze $(SEED) --output out/western-science-city.th.json
	$(BIN)/policy-pipeline compare $(SEED) --canonical western-science-city --output out/western-science-city.th.compare.json
	@echo "record: out/western-science-city.th.json; comparison: out/western-science-city.th.compare.json"

test: $(STAMP)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/policy-pipeline eval

bench: $(STAMP)
	$(BIN)/python bench/bench_analyze.py

clean:
	rm -rf $(VENV) out .pytest_cache

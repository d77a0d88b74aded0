# Two commands for a fresh machine: `make run` and `make test`. Both create .venv if missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HF_STAMP := $(VENV)/.installed-hf
SEED := corpora/documents/western-science-city.th.txt
export PYTHAINLP_OFFLINE := 1
export HF_HUB_OFFLINE := 1

.PHONY: install run test eval bench bench-batch clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	mkdir -p out
	$(BIN)/policy-pipeline analyze $(SEED) --format table --output out/western-science-city.th.json
	$(BIN)/policy-pipeline compare $(SEED) --canonical western-science-city --output out/western-science-city.th.compare.json
	$(BIN)/policy-pipeline report $(SEED) --canonical western-science-city --output out/western-science-city.th.brief.html
	@echo "record: out/western-science-city.th.json; comparison: out/western-science-city.th.compare.json; brief: out/western-science-city.th.brief.html"

# The `hf` encoder's torch + transformers are an optional extra: only the tests install them
# (with torch present, spaCy's thinc imports it at every start: +1.3 s, +230 MiB).
$(HF_STAMP): $(STAMP) requirements-hf.lock
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-hf.lock
	touch $(HF_STAMP)

# The report tests open briefs in Debian's headless Chromium (driven by Playwright, never a
# browser downloaded from elsewhere). Installed once, as root or through sudo.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	$(if $(filter 0,$(shell id -u)),,sudo) sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'

test: $(HF_STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/policy-pipeline eval

bench: $(STAMP)
	$(BIN)/python bench/bench_analyze.py
	$(BIN)/python bench/bench_compare.py
	$(BIN)/python bench/bench_length.py

# About half an hour on two cores: builds corpora up to 10,000 documents.
bench-batch: $(STAMP)
	$(BIN)/python bench/bench_batch.py

clean:
	rm -rf $(VENV) out .pytest_cache

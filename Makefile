# Two commands do everything on a fresh machine:
#   make demo   set up, then analyse the bundled seeds
#   make test   set up, then run the whole test suite (.ci/run calls this)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test bench setup clean

setup: $(STAMP)

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/framing lexicon list
	$(VENV)/bin/framing matches seeds/ --lexicon loaded-language --lexicon venezuela-2019
	$(VENV)/bin/framing score seeds/ --by outlet --lexicon loaded-language --lexicon venezuela-2019
	mkdir -p out
	$(VENV)/bin/framing matches seeds/ -l loaded-language -l venezuela-2019 -o out/seed-matches.csv
	@echo "wrote out/seed-matches.csv"

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) benchmarks/bench_match.py

clean:
	rm -rf $(VENV) out build dist *.egg-info

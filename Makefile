# Two commands do everything on a fresh machine:
#   make demo   set up, then analyse the bundled seeds
#   make test   set up, then run the whole test suite (.ci/run calls this)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test bench setup clean

setup: $(STAMP)

# The stamp also depends on the compiled rule modules (RULE_MODULES in framing/_build.py):
# editing one rebuilds it.
RULE_SOURCES := ${shell sed -n '/^RULE_MODULES/,/)/p' framing/_build.py | grep -o '"framing\.[a-z_.]*"' | tr -d '"' | sed 's|\.|/|g; s|$$|.py|'}
$(STAMP): setup.cfg setup.py pyproject.toml framing/_build.py $(RULE_SOURCES)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/framing lexicon list
	$(VENV)/bin/framing matches seeds/ -l loaded-language -l venezuela-2019
	$(VENV)/bin/framing score seeds/ --by outlet -l loaded-language -l venezuela-2019
	$(VENV)/bin/framing actors seeds/ --by outlet
	$(VENV)/bin/framing align seeds/000_edbf8da76c908260.txt seeds/002_23d72b98b34a2c10.txt
	mkdir -p out
	$(VENV)/bin/framing matches seeds/ -o out/seed-matches.csv
	$(VENV)/bin/framing report seeds/ -o out/report.html
	$(VENV)/bin/framing worksheet seeds/ -o out/worksheet.html --key out/answer-key.html
	$(VENV)/bin/framing chart side-by-side seeds/ -o out/side-by-side.png
	@echo "wrote out/seed-matches.csv, out/report.html, out/worksheet.html, out/answer-key.html, out/side-by-side.png"

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) benchmarks/bench_match.py

clean:
	rm -rf $(VENV) out build dist *.egg-info

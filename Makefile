# The developer's API. `make issue` and `make test` set everything up from a
# bare Python 3.11+: a virtual environment in .venv with the pinned packages
# of constraints.txt, and the project installed into it.

PYTHON ?= python3
# A second interpreter gets an environment of its own: make test
# PYTHON=/path/to/python3.13 VENV=.venv-3.13 (as .ci/run does).
VENV ?= .venv
BIN := $(VENV)/bin
# The newest issue folder under issues/, unless ISSUE=2022-02 names one.
ISSUE ?= $(notdir $(lastword $(sort $(wildcard issues/[0-9]*))))
export PIP_CONSTRAINT := $(CURDIR)/constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: issue all new test lint a11y bench proof translations update-references setup clean

issue: $(VENV)/.installed
	$(BIN)/newsletter build issues/$(ISSUE) -o build/$(ISSUE)/newsletter-$(ISSUE).pdf

# Every issue in issues/, in parallel over the machine's cores.
all: $(VENV)/.installed
	$(BIN)/newsletter build --all issues

# Start the next issue: make new ISSUE=2022-03 [FROM=2022-02]
new: $(VENV)/.installed
	$(BIN)/newsletter new $(ISSUE) $(if $(FROM),--from issues/$(FROM))

test: $(VENV)/.installed
	$(BIN)/python -m pytest

# The digital edition of the sample against two independent PDF/UA-1
# checkers (pdfua, outloud); both run, and the target fails if either finds
# an error (pdfua's warnings are shown, not fatal). Not part of `make test`.
A11Y_ISSUE := 2022-02
A11Y_PDF := build/$(A11Y_ISSUE)/newsletter-$(A11Y_ISSUE).pdf
a11y: $(VENV)/.a11y
	$(BIN)/newsletter build issues/$(A11Y_ISSUE) -o $(A11Y_PDF)
	@status=0; \
	$(BIN)/pdfua check $(A11Y_PDF); test $$? -lt 3 || status=1; \
	$(BIN)/outloud --no-info $(A11Y_PDF) || status=1; \
	exit $$status

# Speed and memory, measured in fresh processes; writes bench/RESULTS.md.
bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

# All pages of the issue as spreads in one PNG, for review.
proof: issue
	$(BIN)/newsletter proof build/$(ISSUE)/newsletter-$(ISSUE).pdf

# Messages: extract them from the code, merge into each .po, compile the .mo.
translations: $(VENV)/.installed
	$(BIN)/python layout/locale/update.py

# Accept the current rendering as the reference of the visual tests. Only on
# purpose, after looking at the pages: the tests compare against these.
update-references: $(VENV)/.installed
	UPDATE_REFERENCES=1 $(BIN)/python -m pytest tests/test_visual.py

lint: $(VENV)/.installed
	$(BIN)/ruff check layout tests bench
	$(BIN)/mypy layout

setup: $(VENV)/.installed

$(VENV)/.a11y: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev,a11y]'
	touch $@

$(VENV)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (PYTHON=$(PYTHON))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==$$(sed -n 's/^pip==//p' constraints.txt)"
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

clean:
	rm -rf build $(VENV) .venv-*

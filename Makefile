# 합성곱 신경망으로 패션 아이템 분류하기 — build and test.
#
#   make book   set up .venv, make sure the data is there, build the HTML book
#   make test   the same set-up, then every test (what CI runs)
#   make pdf    the book as PDF (whole book + one per chapter) under _build/pdf
#   make slides the lecture decks (reveal.js, _build/html/slides/) and their PDFs
#   make site   what is published (GitHub Pages): book, decks and PDFs in _build/site
#
# test and test-fast run in JOBS=2 processes (pytest-xdist); `make test JOBS=0`: one process.
# Faster targets while working: lint (ruff), test-fast (unit tests and doctests),
# test-notebooks (nbval of the chapters), test-book (build + browser checks),
# test-colab (the Colab edition and the widgets in a Colab-like environment).
# Maintainers: `make execute` re-runs every chapter in place (full mode; it trains the original
# setting's early-stopping run for chapter 07 first when cnn_utils/data/ lacks it);
# `make colab` then rewrites the Colab edition colab/ from the chapters.
# `make release VERSION=x.y.z` makes an edition: version, setup cells, Colab edition, commit, tag.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PYTEST := CNN_BOOK_QUICK=1 $(PY) -m pytest
# processes for test and test-fast (which tests share one: tests/groups.py)
JOBS   ?= 2

.PHONY: lint book colab pdf slides site bench-pages release test test-fast test-notebooks test-book test-colab execute bench data system venv clean help

help:
	@sed -n '1,16p' Makefile

$(STAMP): requirements.txt pyproject.toml tools/bootstrap.sh
	@PYTHON=$(PYTHON) VENV=$(VENV) sh tools/bootstrap.sh
	@touch $(STAMP)

venv: $(STAMP)

data: $(STAMP)
	@sh tools/ensure_system.sh data

system: $(STAMP)
	@sh tools/ensure_system.sh data chromium poppler node

# Node.js typesets the formulas (_ext/mathjax_svg.py)
book: data
	@sh tools/ensure_system.sh node
	$(PY) -m tools.build
	@echo
	@echo "책이 만들어졌습니다. The book is ready: open $(CURDIR)/_build/html/index.html"

# The Colab edition needs the book's figure/equation numbers: build, then generate.
colab: book
	$(PY) -m tools.colab_edition

# The decks are built with the book (make book); this adds one PDF per deck.
slides: book
	@sh tools/ensure_system.sh chromium
	$(PY) -m tools.make_slides

pdf: book
	@sh tools/ensure_system.sh chromium
	$(PY) -m tools.make_pdf

# What GitHub Pages serves (.github/workflows/publish.yml): the three targets above, put
# together in one folder by tools.make_site (it copies; it builds nothing).
site: book pdf slides
	$(PY) -m tools.make_site

release: data
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z"; exit 2; }
	$(PY) -m tools.release $(VERSION)

test: system
	$(MAKE) --no-print-directory lint
	$(PYTEST) -n $(JOBS) --dist loadgroup

# ruff (pyproject.toml): lint everything, the chapters included; format-check the Python files
lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test-fast: $(STAMP)
	@sh tools/ensure_system.sh node
	$(PYTEST) -p no:nbval -m "not slow" -n $(JOBS) --dist loadgroup cnn_utils _ext tools benchmarks tests

test-notebooks: data
	$(PYTEST) chapters

test-book: system
	$(PYTEST) -p no:nbval -m "book or browser" tests

test-colab: data
	$(PYTEST) tests/test_colab_env.py

# chapter 07 plots the original setting's run until early stopping (cnn_utils/data/): trained
# once, ~5 minutes on 2 CPU cores, only when the file is missing
cnn_utils/data/original_history.json:
	$(PY) -m tools.original_history

execute: data cnn_utils/data/original_history.json
	$(PY) -m tools.execute_chapters chapters/*.ipynb

bench: data
	$(PY) -m benchmarks.conv_numpy
	$(PY) -m benchmarks.train_lab

# what a reader's browser loads per page (requests, bytes; cold cache, offline)
bench-pages: site
	$(PY) -m benchmarks.page_weight

clean:
	rm -rf _build .pytest_cache .hypothesis

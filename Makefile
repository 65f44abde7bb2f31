# Shuangjiang: the two commands a newcomer needs are `make run` and `make test`.
# Both install what is missing first (Debian packages via apt-get, Python tools into .venv/).

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Debian 12 packages: the C libraries we wrap, the proto compilers, and what the tests drive.
APT_PACKAGES := pkg-config libuv1-dev libnghttp2-dev libprotobuf-c-dev protobuf-c-compiler \
	protobuf-compiler libprotobuf-dev libsqlite3-dev zlib1g-dev grpc-proto nghttp2-client \
	python3 python3-venv python3-pip chromium
VENV := .venv
PYTHON := $(VENV)/bin/python
SWIFT_FLAGS := -Xswiftc -warnings-as-errors

.PHONY: help deps build test run cluster cluster-stop proto api-docs lint bench clean container-test report-screenshot

help:
	@echo "make run    install what is missing, build, start the services"
	@echo "make test   install what is missing, build, run every test"
	@echo "make cluster       start intake, assessment, accountability as three processes (50061-50063)"
	@echo "make cluster-stop  stop them"
	@echo "make proto  regenerate code from proto/ (committed; tests check it is fresh)"
	@echo "make api-docs  regenerate docs/api-overview.md from the protos' comments"
	@echo "make lint   check formatting with swift format (.swift-format)"
	@echo "make bench  run the benchmarks"
	@echo "make container-test  build the container image with podman and run it (docs/containers.md)"
	@echo "make report-screenshot  the demo city's report as report/report-2023.{html,png,txt}"
	@echo "make clean  remove build products and the Python venv"

deps: $(VENV)/.installed
	@tools/apt-install.sh $(APT_PACKAGES)

# The venv is rebuilt when the pinned requirements change.
$(VENV)/.installed: tools/requirements.txt
	@command -v python3 >/dev/null && python3 -c 'import venv, ensurepip' 2>/dev/null || \
		tools/apt-install.sh python3 python3-venv python3-pip
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r tools/requirements.txt
	touch $@

build: deps
	swift build $(SWIFT_FLAGS)

# Formatting is checked first (a few seconds), so a drift fails fast instead of after the suite.
test: build lint
	swift test $(SWIFT_FLAGS)
	$(VENV)/bin/pytest -q Tests/python

# All services on one loop and one port, with embedded SQLite under ./data (PORT=50051 by default);
# the synthetic demo city is loaded into an empty intake, so a second `make run` reuses the data.
PORT ?= 50051
run: build
	@bin=.build/debug; \
	echo "Starting intake, assessment and accountability on 127.0.0.1:$(PORT), data in ./data (Ctrl-C stops)."; \
	echo "Once the log says the demo city is loaded, try in another terminal:"; \
	if [ "$(PORT)" != 50051 ]; then echo "  export SJ_SERVER=127.0.0.1:$(PORT)"; fi; \
	echo "  $$bin/sjctl report --period 2023                 # the city report: indicators, rankings, warnings, accountability"; \
	echo "  $$bin/sjctl assessment warnings --period 2023Q4  # three-colour warnings, with the rule behind each"; \
	echo "  $$bin/sjctl watch alerts --from 1                # the alert feed, live (README: a guided tour)"; \
	echo; \
	exec $$bin/shuangjiang-server --port $(PORT) --data-dir data --demo-city --log-format text

# The three services as separate processes on 127.0.0.1, the way a city deploys them (see
# docs/cluster.md): data, logs and pid files under $(CLUSTER_DIR); returns once all three answer
# their health check, and an empty intake loads the demo city in the background. Overridable:
# INTAKE_PORT, ASSESSMENT_PORT, ACCOUNTABILITY_PORT, CLUSTER_DIR, DEMO_CITY_SCALE (full or small),
# CLUSTER_CONFIG (a rules file). The logic is in tools/cluster.py.
CLUSTER_DIR ?= data/cluster
INTAKE_PORT ?= 50061
ASSESSMENT_PORT ?= 50062
ACCOUNTABILITY_PORT ?= 50063
CLUSTER_ARGS = --dir $(CLUSTER_DIR) --intake-port $(INTAKE_PORT) --assessment-port $(ASSESSMENT_PORT) \
	--accountability-port $(ACCOUNTABILITY_PORT) $(if $(DEMO_CITY_SCALE),--demo-city-scale $(DEMO_CITY_SCALE)) \
	$(if $(CLUSTER_CONFIG),--config $(CLUSTER_CONFIG))
cluster: build
	@$(PYTHON) tools/cluster.py start $(CLUSTER_ARGS)

# SIGTERM to each service, then waits for it; nothing running is not an error. Needs no build.
cluster-stop:
	@python3 tools/cluster.py stop --dir $(CLUSTER_DIR)

# The demo city's city report as HTML, text and a PNG for people (docs/city-report.md), from a
# server of its own (in memory, on a free port); REPORT_PERIOD, REPORT_DIR, REPORT_HEIGHT change it.
# The CJK font is only for the picture: the page itself names fonts and falls back to any.
report-screenshot: build
	@tools/apt-install.sh chromium fonts-wqy-microhei
	tools/report-screenshot.sh

proto: deps
	PYTHON=$(PYTHON) tools/generate.sh

# docs/api-overview.md gathers the protos' comments; Tests/python/test_api_overview.py checks it is fresh.
api-docs: deps
	$(PYTHON) tools/api_overview.py

# Generated code is not linted: it is checked for freshness instead.
lint:
	swift format lint --strict --parallel $$(find Package.swift Sources Tests -name '*.swift' -not -path '*/Generated/*')

# `make bench` (never part of `make test`): our echo-server vs gRPC C++, grpc-go and nghttpd,
# side by side in one interleaved run, plus the storage group-commit benchmark; writes
# docs/benchmarks.md. Knobs: BENCH_SOAK_SECONDS, and BENCH_ROUNDS, BENCH_DURATION, ... (bench/run.py).
BENCH_APT_PACKAGES := libgrpc++-dev protobuf-compiler-grpc golang-go golang-google-grpc-dev \
	golang-goprotobuf-dev nghttp2-server nghttp2-client util-linux
BENCH_SCRATCH := .build-bench
BENCH_SOAK_SECONDS ?= 60

bench: deps
	@tools/apt-install.sh $(BENCH_APT_PACKAGES)
	BENCH_SOAK_SECONDS=$(BENCH_SOAK_SECONDS) python3 bench/run.py --scratch $(BENCH_SCRATCH) \
		--out docs/benchmarks.md --apt $(BENCH_APT_PACKAGES)

# `make container-test` (CI runs it after `make test`; never part of it): the runtime image with
# podman, the three services as containers and under podman-compose, real gRPC calls over
# 127.0.0.1, and deploy/k8s validated (docs/containers.md). CONTAINER_BINARIES=debug reuses
# `make test`'s build; =container builds the Swift stage inside podman too (slow).
CONTAINER_BINARIES ?= release
container-test: deps
	$(PYTHON) tools/container-test.py --binaries $(CONTAINER_BINARIES)

clean:
	rm -rf .build .build-* $(VENV)

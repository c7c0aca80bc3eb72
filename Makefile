# SPDX-License-Identifier: MIT
# Makefile -- convenience front end over CMake: build, test, sanitizer test, demo.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE ?= cmake
CTEST ?= ctest

.PHONY: all deps build test check check-asan demo clean bench

all: build

deps:
	scripts/deps.sh

build:
	$(CMAKE) -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPANOS_WERROR=ON
	$(CMAKE) --build build -j$(JOBS)

# The quick suite: one build, every test (unit, cases, checks), slow ones excluded.
test: build
	cd build && $(CTEST) -j$(JOBS) --output-on-failure -LE slow

# Everything CI runs: the suite, then the suite again under AddressSanitizer + UBSan (and the
# allocation-failure torture).
check: test check-asan

# With the allocation-failure torture built in: the torture/ tests run with the rest
# (docs/internals/torture.md; scripts/torture.sh build-asan tries every allocation).
check-asan:
	$(CMAKE) -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPANOS_WERROR=ON \
	    -DPANOS_SANITIZE=address,undefined -DPANOS_TORTURE=ON
	$(CMAKE) --build build-asan -j$(JOBS)
	cd build-asan && $(CTEST) -j$(JOBS) --output-on-failure -LE slow

# Set up what is missing, build, start a local pansim and drive it with panctl.
demo:
	scripts/deps.sh
	$(MAKE) build
	scripts/demo.sh build

clean:
	rm -rf build build-asan build-bench

# Benchmarks (not tests): the log parser alone, then panctl logs against a local pansim.
bench:
	$(CMAKE) -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DPANOS_BUILD_BENCH=ON -DPANOS_BUILD_TESTS=OFF
	$(CMAKE) --build build-bench -j$(JOBS)
	build-bench/bench/bench_logparse
	bench/bench_logs.sh build-bench
	bench/bench_configdiff.sh build-bench
	bench/bench_backup.sh build-bench 16 1M 8
	bench/bench_configshow.sh build-bench

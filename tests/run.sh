#!/usr/bin/env bash
# The whole test suite: installs what it needs (Debian 12 packages), builds with Qt 6 and no warnings
# allowed, and runs every tier with ctest: core unit tests, connectors over loopback, render tests on the
# real libobs under Xvfb, and the real OBS GUI smoke test (with a module built for the Qt of that OBS).
#
# usage: tests/run.sh [--sanitize | --tsan] [ctest arguments...]
#   --tsan                ThreadSanitizer build of the core and connect suites only (ctest -L 'core|connect')
#   LIVE_GIFTS_BUILD_DIR  build folder (default build/tests, build/tests-asan with --sanitize, build/tests-tsan
#                         with --tsan)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sanitize=OFF
if [ "${1:-}" = "--sanitize" ]; then
	sanitize=ON
	shift
fi
tsan=OFF
if [ "${1:-}" = "--tsan" ]; then
	tsan=ON
	shift
fi
default_build="$root/build/tests"
[ "$sanitize" = ON ] && default_build="$root/build/tests-asan"
build="${LIVE_GIFTS_BUILD_DIR:-$default_build}"

"$root/packaging/install-deps.sh"
# The optional bridge's offline test needs its npm packages (from the npm registry).
if command -v npm >/dev/null; then
	(cd "$root/packaging/bridge" && npm ci --no-audit --no-fund --loglevel=error) ||
		echo "tests: npm ci failed in packaging/bridge; its test will not run" >&2
fi
if [ "$tsan" = ON ]; then
	# The module and the render tests are not instrumented (libobs and Qt are not): core and connect only.
	# ASLR is off for the run (setarch -R): ThreadSanitizer of GCC 12 cannot map its shadow memory under the
	# larger address randomisation of newer kernels.
	build="${LIVE_GIFTS_BUILD_DIR:-$root/build/tests-tsan}"
	cmake -S "$root" -B "$build" -DLIVE_GIFTS_QT=6 -DLIVE_GIFTS_WERROR=ON -DLIVE_GIFTS_TSAN=ON \
		-DLIVE_GIFTS_BUILD_PLUGIN=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build "$build" -j "$(nproc)" --target live_gifts_core_tests live_gifts_cli_tests \
		live_gifts_core_bench live_gifts_connect_tests
	export QT_QPA_PLATFORM=offscreen
	export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/tests/tsan.supp ${TSAN_OPTIONS:-}"
	exec setarch "$(uname -m)" -R ctest --test-dir "$build" --output-on-failure -L 'core|connect' "$@"
fi
cmake -S "$root" -B "$build" -DLIVE_GIFTS_QT=6 -DLIVE_GIFTS_WERROR=ON -DLIVE_GIFTS_SANITIZE="$sanitize" \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "$@"

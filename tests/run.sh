#!/usr/bin/env bash
# The whole test suite: installs what it needs (Debian 12 packages), then builds everything for both Qt
# majors OBS is built with (Qt 6: upstream OBS 28+; Qt 5: Debian's OBS 29), warnings as errors, and runs
# every tier of each build with ctest: core unit tests, connectors over loopback, render tests on the real
# libobs under Xvfb (compared with tests/render/golden/qt6 or qt5), the demo recording, and in the build
# for the Qt of this machine's OBS the real OBS GUI smoke test with that build's module.
# It prints ctest's closing summary of each build at the end and fails when either build's tests fail.
#
# usage: tests/run.sh [--sanitize | --tsan] [ctest arguments...]
#   --sanitize            both builds with AddressSanitizer and UndefinedBehaviorSanitizer
#   --tsan                a ThreadSanitizer build of the core and connect suites only (ctest -L 'core|connect')
#   LIVE_GIFTS_BUILD_DIR  the Qt 6 build folder (default build/tests, build/tests-asan with --sanitize,
#                         build/tests-tsan with --tsan); the Qt 5 build is the same folder with -qt5 at its end
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
build_qt5="$build-qt5"

"$root/packaging/install-deps.sh"
# The optional bridge's offline test needs its npm packages (from the npm registry).
if command -v npm >/dev/null; then
	(cd "$root/packaging/bridge" && npm ci --no-audit --no-fund --loglevel=error) ||
		echo "tests: npm ci failed in packaging/bridge; its test will not run" >&2
fi
# ccache, when present, makes the next run quick.
launcher=()
if command -v ccache >/dev/null; then
	export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}"
	launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
export QT_QPA_PLATFORM=offscreen

if [ "$tsan" = ON ]; then
	# The module and the render tests are not instrumented (libobs and Qt are not): core and connect only.
	# ASLR is off for the run (setarch -R): ThreadSanitizer of GCC 12 cannot map its shadow memory under the
	# larger address randomisation of newer kernels.
	build="${LIVE_GIFTS_BUILD_DIR:-$root/build/tests-tsan}"
	cmake -S "$root" -B "$build" -DLIVE_GIFTS_QT=6 -DLIVE_GIFTS_WERROR=ON -DLIVE_GIFTS_TSAN=ON \
		-DLIVE_GIFTS_BUILD_PLUGIN=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
	cmake --build "$build" -j "$(nproc)" --target live_gifts_core_tests live_gifts_cli_tests \
		live_gifts_core_bench live_gifts_connect_tests
	export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/tests/tsan.supp ${TSAN_OPTIONS:-}"
	exec setarch "$(uname -m)" -R ctest --test-dir "$build" --output-on-failure -L 'core|connect' "$@"
fi

# run_build QT BUILD_DIR CTEST_ARGS...: configures, builds and runs ctest, keeping its output in
# BUILD_DIR/ctest.log; fails when any step fails.
run_build() {
	local qt=$1 dir=$2
	shift 2
	echo "tests: Qt $qt build in $dir"
	mkdir -p "$dir"
	rm -f "$dir/ctest.log"
	cmake -S "$root" -B "$dir" -DLIVE_GIFTS_QT="$qt" -DLIVE_GIFTS_WERROR=ON -DLIVE_GIFTS_SANITIZE="$sanitize" \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null || return 1
	cmake --build "$dir" -j "$(nproc)" || return 1
	ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" "$@" 2>&1 | tee "$dir/ctest.log"
}

status=0
run_build 6 "$build" "$@" || status=1
run_build 5 "$build_qt5" "$@" || status=1

summary() {
	echo "== $1"
	if grep -q "tests passed, .* tests failed out of" "$2/ctest.log" 2>/dev/null; then
		sed -n '/tests passed, .* tests failed out of/,$p' "$2/ctest.log"
	else
		echo "no ctest summary: the configure or the build failed, or no test matched"
	fi
}
echo
summary "Qt 6 build ($build)" "$build"
summary "Qt 5 build ($build_qt5)" "$build_qt5"
exit "$status"

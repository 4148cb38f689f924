#!/usr/bin/env bash
# The whole test suite: installs what it needs (Debian 12 packages), then runs these stages and fails when one
# of them fails:
#   gcc   builds everything for both Qt majors OBS is built with (Qt 6: upstream OBS 28+; Qt 5: Debian's OBS
#         29), warnings as errors, and runs every tier of each build with ctest: core unit tests, connectors over
#         loopback, render tests on the real libobs under Xvfb (compared with tests/render/golden/qt6 or qt5),
#         the demo recording, and in the build for the Qt of this machine's OBS the real OBS GUI smoke test; the
#         suites that use no Qt (core units, view, locale) only in the first (LIVE_GIFTS_QT_FREE_TESTS);
#   asan  a Clang build (Qt 6, no OBS module) with AddressSanitizer and UndefinedBehaviorSanitizer (float-cast-
#         overflow included, every finding fatal) of the core, view and connect suites and of the fuzz targets,
#         which ctest runs once on their seeds and regression inputs;
#   tsan  a GCC ThreadSanitizer build (-O1, line tables) of the core and connect suites;
#   fuzz  each libFuzzer target of tests/fuzz for LIVE_GIFTS_FUZZ_SECONDS (default 60), from the asan build.
# It prints ctest's closing summary of every stage (and each fuzz run's figures) at the end, with its time.
#
# usage: tests/run.sh [--quick] [--no-asan] [--no-tsan] [--no-fuzz] [--only STAGE] [--sanitize | --tsan]
#                     [ctest arguments...]
#   --quick               the gcc stage only (same as --no-asan --no-tsan --no-fuzz)
#   --only STAGE          that stage only: gcc, asan, tsan or fuzz (fuzz builds what it needs)
#   --no-asan, --no-tsan, --no-fuzz   skip that stage (--no-asan skips fuzz too: it needs the asan build)
#   --sanitize            only the gcc stage, both builds with AddressSanitizer and UndefinedBehaviorSanitizer
#   --tsan                only the tsan stage
#   LIVE_GIFTS_BUILD_DIR  the Qt 6 build folder of the gcc stage (default build/tests, build/tests-asan with
#                         --sanitize); the Qt 5 build is the same folder with -qt5 at its end. The other stages
#                         build in build/tests-clang and build/tests-tsan.
# ctest arguments go to every stage's ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sanitize=OFF
stage_gcc=1 stage_asan=1 stage_tsan=1 stage_fuzz=1
while [ $# -gt 0 ]; do
	case "$1" in
	--quick) stage_asan=0 stage_tsan=0 stage_fuzz=0 ;;
	--no-asan) stage_asan=0 stage_fuzz=0 ;;
	--no-tsan) stage_tsan=0 ;;
	--no-fuzz) stage_fuzz=0 ;;
	--only)
		stage_gcc=0 stage_asan=0 stage_tsan=0 stage_fuzz=0
		case "${2:-}" in
		gcc) stage_gcc=1 ;;
		asan) stage_asan=1 ;;
		tsan) stage_tsan=1 ;;
		fuzz) stage_fuzz=1 ;;
		*) echo "tests: --only gcc, asan, tsan or fuzz" >&2 && exit 2 ;;
		esac
		shift
		;;
	--sanitize) sanitize=ON stage_asan=0 stage_tsan=0 stage_fuzz=0 ;;
	--tsan) stage_gcc=0 stage_asan=0 stage_fuzz=0 stage_tsan=1 ;;
	*) break ;;
	esac
	shift
done
default_build="$root/build/tests"
[ "$sanitize" = ON ] && default_build="$root/build/tests-asan"
build="${LIVE_GIFTS_BUILD_DIR:-$default_build}"
build_qt5="$build-qt5"
build_clang="$root/build/tests-clang"
build_tsan="$root/build/tests-tsan"
fuzz_seconds="${LIVE_GIFTS_FUZZ_SECONDS:-60}"
jobs=$(nproc)

"$root/packaging/install-deps.sh"
# The optional bridge's offline test needs its npm packages (from the npm registry).
if command -v npm >/dev/null; then
	(cd "$root/packaging/bridge" && npm ci --no-audit --no-fund --loglevel=error) ||
		echo "tests: npm ci failed in packaging/bridge; its test will not run" >&2
fi
# ccache, when present, makes the next run quick.
launcher=()
# A new build folder is made with Ninja (less overhead than make); one made before keeps its generator.
generator() {
	if [ ! -f "$1/CMakeCache.txt" ] && command -v ninja >/dev/null; then
		echo "-GNinja"
	fi
}
if command -v ccache >/dev/null; then
	export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}"
	launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
export QT_QPA_PLATFORM=offscreen

# run_build QT BUILD_DIR QT_FREE CTEST_ARGS...: configures, builds and runs ctest, keeping its output in
# BUILD_DIR/ctest.log; fails when any step fails. QT_FREE (ON/OFF): with the suites that use no Qt.
run_build() {
	local qt=$1 dir=$2 qt_free=$3
	shift 3
	echo "tests: Qt $qt build in $dir"
	mkdir -p "$dir"
	rm -f "$dir/ctest.log"
	cmake -S "$root" -B "$dir" $(generator "$dir") -DLIVE_GIFTS_QT="$qt" -DLIVE_GIFTS_WERROR=ON \
		-DLIVE_GIFTS_SANITIZE="$sanitize" -DLIVE_GIFTS_QT_FREE_TESTS="$qt_free" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		"${launcher[@]}" >/dev/null || return 1
	cmake --build "$dir" -j "$jobs" || return 1
	ctest --test-dir "$dir" --output-on-failure -j "$jobs" "$@" 2>&1 | tee "$dir/ctest.log"
}

# The core, view and connect suites and the fuzz targets' inputs, built by Clang with ASan and UBSan (the
# fuzz build: LIVE_GIFTS_FUZZ implies both sanitizers; libobs and the module are not built).
run_asan() {
	echo "tests: Clang ASan+UBSan build in $build_clang"
	mkdir -p "$build_clang"
	rm -f "$build_clang/ctest.log"
	cmake -S "$root" -B "$build_clang" $(generator "$build_clang") -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
		-DLIVE_GIFTS_QT=6 -DLIVE_GIFTS_WERROR=ON -DLIVE_GIFTS_SANITIZE=ON -DLIVE_GIFTS_FUZZ=ON \
		-DLIVE_GIFTS_BUILD_PLUGIN=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null || return 1
	cmake --build "$build_clang" -j "$jobs" --target live_gifts_core_tests live_gifts_cli_tests live_gifts_core_bench live_gifts_memory_bench \
		live_gifts_view_tests live_gifts_connect_tests live_gifts_locale_tests make-sounds live_gifts_fuzz_frames \
		live_gifts_fuzz_ledger live_gifts_fuzz_settings || return 1
	ASAN_OPTIONS="detect_leaks=1 ${ASAN_OPTIONS:-}" UBSAN_OPTIONS="print_stacktrace=1 ${UBSAN_OPTIONS:-}" \
		ctest --test-dir "$build_clang" --output-on-failure -j "$jobs" -L 'core|view|connect|fuzz' "$@" 2>&1 |
		tee "$build_clang/ctest.log"
}

# The module and the render tests are not instrumented (libobs and Qt are not): core and connect only, at -O1 with
# line tables (ThreadSanitizer's usual level; a quicker build).
# ASLR is off for the run (setarch -R): ThreadSanitizer of GCC 12 cannot map its shadow memory under the
# larger address randomisation of newer kernels.
run_tsan() {
	echo "tests: ThreadSanitizer build in $build_tsan"
	mkdir -p "$build_tsan"
	rm -f "$build_tsan/ctest.log"
	cmake -S "$root" -B "$build_tsan" $(generator "$build_tsan") -DLIVE_GIFTS_QT=6 -DLIVE_GIFTS_WERROR=ON \
		-DLIVE_GIFTS_TSAN=ON -DLIVE_GIFTS_BUILD_PLUGIN=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
		"${launcher[@]}" >/dev/null || return 1
	cmake --build "$build_tsan" -j "$jobs" --target live_gifts_core_tests live_gifts_cli_tests \
		live_gifts_core_bench live_gifts_memory_bench live_gifts_connect_tests live_gifts_locale_tests make-sounds ||
		return 1
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/tests/tsan.supp ${TSAN_OPTIONS:-}" \
		setarch "$(uname -m)" -R ctest --test-dir "$build_tsan" --output-on-failure -L 'core|connect' "$@" 2>&1 |
		tee "$build_tsan/ctest.log"
}

run_fuzz() {
	echo "tests: each fuzz target for ${fuzz_seconds}s"
	LIVE_GIFTS_FUZZ_BUILD="$build_clang" "$root/tests/fuzz/run.sh" "$fuzz_seconds" 2>&1 | tee "$build_clang/fuzz.log"
}

status=0
declare -A seconds_of
# stage NAME COMMAND...: runs one stage and keeps its time.
stage() {
	local name=$1 start=$SECONDS
	shift
	"$@" || status=1
	seconds_of[$name]=$((SECONDS - start))
}
if [ "$stage_gcc" = 1 ]; then
	stage qt6 run_build 6 "$build" ON "$@"
	stage qt5 run_build 5 "$build_qt5" OFF "$@"
fi
[ "$stage_asan" = 1 ] && stage asan run_asan "$@"
[ "$stage_tsan" = 1 ] && stage tsan run_tsan "$@"
[ "$stage_fuzz" = 1 ] && stage fuzz run_fuzz

summary() {
	echo "== $1 (${seconds_of[$2]} s)"
	if grep -q "tests passed, .* tests failed out of" "$3/ctest.log" 2>/dev/null; then
		sed -n '/tests passed, .* tests failed out of/,$p' "$3/ctest.log"
	else
		echo "no ctest summary: the configure or the build failed, or no test matched"
	fi
}
echo
if [ "$stage_gcc" = 1 ]; then
	summary "Qt 6 build ($build)" qt6 "$build"
	summary "Qt 5 build ($build_qt5)" qt5 "$build_qt5"
fi
[ "$stage_asan" = 1 ] && summary "Clang ASan+UBSan build: core, view, connect, fuzz inputs ($build_clang)" asan "$build_clang"
[ "$stage_tsan" = 1 ] && summary "ThreadSanitizer build: core, connect ($build_tsan)" tsan "$build_tsan"
if [ "$stage_fuzz" = 1 ]; then
	echo "== Fuzzing, ${fuzz_seconds} s per target (${seconds_of[fuzz]} s)"
	grep '^fuzz ' "$build_clang/fuzz.log" 2>/dev/null || echo "no fuzz report: the fuzz targets did not build or run"
fi
exit "$status"

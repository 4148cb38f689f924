#!/usr/bin/env bash
# Runs each libFuzzer target of tests/fuzz for a while and fails on a finding. Builds the targets first (Clang,
# LIVE_GIFTS_FUZZ=ON, ASan and UBSan) unless told where a build is.
#
# usage: tests/fuzz/run.sh [seconds per target, default 60] [target...]
#   targets: frames ledger settings (default: all)
#   LIVE_GIFTS_FUZZ_BUILD  the build folder (default build/fuzz); configured and built when it has no targets
#   LIVE_GIFTS_FUZZ_JOBS   targets run side by side (default 1)
# The seed corpus (corpus/<target>) and the regression inputs (regressions/<target>) are read, never written:
# what a run finds new goes to BUILD/fuzz-corpus/<target>, a failing input to BUILD/fuzz-findings/<target>/
# (copy it to regressions/<target>/ with the fix). Each run's figures end up in BUILD/fuzz-<target>.log.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(frames ledger settings)
build="${LIVE_GIFTS_FUZZ_BUILD:-$root/build/fuzz}"
jobs="${LIVE_GIFTS_FUZZ_JOBS:-1}"

# Largest input per target: a TLC 2.5 frame is about 10 KB; a small ledger (512-byte pages) about 20 KB.
max_len() {
	case "$1" in
	frames) echo 16384 ;;
	ledger) echo 65536 ;;
	*) echo 4096 ;;
	esac
}

need_build=0
for target in "${targets[@]}"; do
	[ -x "$build/tests/fuzz/live_gifts_fuzz_$target" ] || need_build=1
done
if [ "$need_build" = 1 ]; then
	launcher=()
	if command -v ccache >/dev/null; then
		export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}"
		launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
	fi
	cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DLIVE_GIFTS_QT=6 \
		-DLIVE_GIFTS_FUZZ=ON -DLIVE_GIFTS_BUILD_PLUGIN=OFF -DLIVE_GIFTS_WERROR=ON \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
	cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/live_gifts_fuzz_}"
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
export QT_QPA_PLATFORM=offscreen

# run_target TARGET: one run; its log in BUILD/fuzz-TARGET.log.
run_target() {
	local target=$1
	local corpus="$build/fuzz-corpus/$target"
	local findings="$build/fuzz-findings/$target"
	local inputs=("$corpus" "$here/corpus/$target")
	[ -d "$here/regressions/$target" ] && inputs+=("$here/regressions/$target")
	mkdir -p "$corpus" "$findings"
	nice -n 10 "$build/tests/fuzz/live_gifts_fuzz_$target" -max_total_time="$seconds" -max_len="$(max_len "$target")" \
		-timeout=20 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$findings/" "${inputs[@]}" \
		>"$build/fuzz-$target.log" 2>&1
}

# One line per target: the last status line of libFuzzer (executions, coverage, features, corpus).
report() {
	local target=$1 status=$2
	local log="$build/fuzz-$target.log"
	local last execs
	last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ "$status" = 0 ]; then
		echo "fuzz $target: ok, ${seconds}s, ${execs:-?} executions; $last"
	else
		echo "fuzz $target: FAILED (exit $status), see $log and $build/fuzz-findings/$target/; $last"
		grep -E 'ERROR|fuzz: |runtime error|SUMMARY' "$log" | head -n 5 | sed 's/^/    /'
	fi
}

status=0
pids=()
names=()
for target in "${targets[@]}"; do
	run_target "$target" &
	pids+=($!)
	names+=("$target")
	if [ "${#pids[@]}" -ge "$jobs" ]; then
		rc=0
		wait "${pids[0]}" || rc=$?
		report "${names[0]}" "$rc"
		[ "$rc" = 0 ] || status=1
		pids=("${pids[@]:1}")
		names=("${names[@]:1}")
	fi
done
for i in "${!pids[@]}"; do
	rc=0
	wait "${pids[$i]}" || rc=$?
	report "${names[$i]}" "$rc"
	[ "$rc" = 0 ] || status=1
done
exit "$status"

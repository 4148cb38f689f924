#!/usr/bin/env bash
# The side-by-side benchmark in one command (figures, not a test; see README "Benchmarks"): builds the
# module and the OBS-side bench program, then runs tests/bench/bench.py, which measures our three sources
# in headless OBS against a browser overlay in headless Chromium plus OBS compositing its texture, and
# prints the Markdown table (also BUILD_DIR/bench-results/table.md, raw figures in results.json).
#
# usage: tests/bench/run-bench.sh [--build-dir DIR] [--no-build] [bench.py options: --seconds S --rounds N
#        --probes N --storm RATE --soak-minutes M --no-peer --scenes ours,ours_idle,...]
# Needs Debian's chromium for the peer (apt-get install -y chromium); takes about 8 minutes with the
# defaults, plus the soak (--soak-minutes 10 for the report's figures).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$root/build/bench"
do_build=1
args=()
while [ "$#" -gt 0 ]; do
	case "$1" in
	--build-dir) build=$2; shift 2 ;;
	--no-build) do_build=0; shift ;;
	*) args+=("$1"); shift ;;
	esac
done
if [ "$do_build" -eq 1 ]; then
	"$root/packaging/install-deps.sh"
	cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build "$build" -j"$(nproc)" --target live_gifts_obs_bench obs-live-gifts
fi
exec /usr/bin/python3 "$here/bench.py" --build "$build" "${args[@]}"

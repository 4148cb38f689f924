#!/usr/bin/env bash
# Benchmark (prints figures; not a test): what our sources cost while the demo stream plays in real time
# in a 1280x720 30 fps canvas on the real libobs, headless with Mesa llvmpipe (so GPU fill is CPU work
# here). Each scene runs in its own process; the figure is process CPU seconds per minute, compared with
# the same canvas holding only the backdrop.
#
# Besides the process, the figure is split into OBS's graphics thread (ticks and draws the sources) and
# Mesa's llvmpipe threads (the fill). On a shared machine one run is noise: give the scenes to compare and
# --rounds N to run them in turn N times (coin-jar goal-bar coin-jar goal-bar ...).
#
# usage: tests/render/bench-render-cost.sh BUILD_DIR [SECONDS] [--rounds N] [SCENE...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:?usage: $0 BUILD_DIR [SECONDS] [--rounds N] [SCENE...]}
seconds=${2:-30}
shift $(($# < 2 ? $# : 2))
rounds=1
if [ "${1:-}" = "--rounds" ]; then
	rounds=${2:?--rounds N}
	shift 2
fi
scenes=("$@")
if [ ${#scenes[@]} -eq 0 ]; then
	scenes=(baseline gift-alerts-idle goal-bar gift-alerts top-supporters coin-jar coin-jar-busy gift-versus all-three)
fi
export QT_QPA_PLATFORM=offscreen
for ((round = 1; round <= rounds; ++round)); do for scene in "${scenes[@]}"; do
	line=$("$root/tests/tools/with-xvfb.sh" "$build/tests/render/render-host" \
		--module "$build/plugin/obs/obs-live-gifts.so" --data "$build/module-data" \
		--spec "$here/bench/$scene.json" --out "$build/bench-out/$scene.png" --bench-seconds "$seconds" 2>/dev/null |
		grep '^bench:' || echo "bench: failed")
	printf '%-18s load=%s %s\n' "$scene" "$(cut -d' ' -f1 /proc/loadavg)" "${line#bench: }"
done; done

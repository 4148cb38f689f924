#!/usr/bin/env bash
# Benchmark (prints figures; not a test): what our sources cost while the demo stream plays in real time
# in a 1280x720 30 fps canvas on the real libobs, headless with Mesa llvmpipe (so GPU fill is CPU work
# here). Each scene runs in its own process; the figure is process CPU seconds per minute, compared with
# the same canvas holding only the backdrop.
#
# usage: tests/render/bench-render-cost.sh BUILD_DIR [SECONDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:?usage: $0 BUILD_DIR [SECONDS]}
seconds=${2:-30}
export QT_QPA_PLATFORM=offscreen
for scene in baseline gift-alerts-idle goal-bar gift-alerts top-supporters coin-jar gift-versus all-three; do
	line=$("$root/tests/tools/with-xvfb.sh" "$build/tests/render/render-host" \
		--module "$build/plugin/obs/obs-live-gifts.so" --data "$build/module-data" \
		--spec "$here/bench/$scene.json" --out "$build/bench-out/$scene.png" --bench-seconds "$seconds" 2>/dev/null |
		grep '^bench:' || echo "bench: failed")
	printf '%-18s %s\n' "$scene" "${line#bench: }"
done

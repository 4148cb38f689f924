#!/usr/bin/env bash
# The main job: installs what it needs, builds the plugin, and shows the overlays working on the built-in
# demo (no TikTok account, no network): the real libobs runs headless under Xvfb with Mesa, loads the
# module and renders; the pictures land in build/demo/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${LIVE_GIFTS_BUILD_DIR:-$root/build/tests}"
out="$root/build/demo"

"$root/packaging/install-deps.sh"
cmake -S "$root" -B "$build" -DLIVE_GIFTS_QT=6 -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target obs-live-gifts render-host
mkdir -p "$out"
export QT_QPA_PLATFORM=offscreen
"$root/tests/tools/with-xvfb.sh" "$build/tests/render/render-host" --module "$build/plugin/obs/obs-live-gifts.so" \
	--data "$build/module-data" --spec "$root/tests/render/specs/goal-bar-57.json" --out "$out/goal-bar.png" \
	>"$out/obs.log" 2>&1 || { tail -30 "$out/obs.log"; exit 1; }
echo
echo "demo: the Goal Bar as OBS rendered it: $out/goal-bar.png (libobs log: $out/obs.log)"

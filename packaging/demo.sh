#!/usr/bin/env bash
# The main job: installs what it needs, builds the plugin, and shows the overlays working on the built-in
# demo stream (no TikTok account, no network). The real libobs runs headless (Xvfb + Mesa), loads the
# module, plays the demo stream into a scene holding our sources and records it with OBS's own outputs
# (obs-x264 + ffmpeg muxer) to an MP4, with a contact sheet of moments; then checks the recording.
#
# usage: packaging/demo.sh [--seconds N] [--out DIR] [--obs] [--no-deps] [--no-build] [--build-dir DIR]
#   --obs   also install the plugin for this machine's OBS and open OBS on a ready demo scene collection
#           (needs a display and OBS; your own OBS profile and scenes are left alone: OBS starts on a
#           separate "Live Gifts Demo" collection you can switch away from)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/tests"
out="$root/build/demo"
seconds=""
deps=1
build_it=1
open_obs=0
while [ "$#" -gt 0 ]; do
	case "$1" in
	--seconds) seconds=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--build-dir) build=$2; shift 2 ;;
	--no-deps) deps=0; shift ;;
	--no-build) deps=0; build_it=0; shift ;;
	--obs) open_obs=1; shift ;;
	*) echo "usage: $0 [--seconds N] [--out DIR] [--obs] [--no-deps] [--build-dir DIR]" >&2; exit 2 ;;
	esac
done

if [ "$deps" -eq 1 ]; then
	"$root/packaging/install-deps.sh"
fi
if [ "$build_it" -eq 1 ]; then
	echo "demo: building..."
	cmake -S "$root" -B "$build" -DLIVE_GIFTS_QT=6 -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build "$build" -j "$(nproc)" --target obs-live-gifts render-host recording-check >/dev/null
fi
mkdir -p "$out"
export QT_QPA_PLATFORM=offscreen
record_args=()
[ -n "$seconds" ] && record_args=(--record-seconds "$seconds")
echo "demo: recording the demo stream with the real libobs (${seconds:-40} s)..."
"$root/tests/tools/with-xvfb.sh" "$build/tests/render/render-host" --module "$build/plugin/obs/obs-live-gifts.so" \
	--data "$build/module-data" --spec "$root/packaging/demo/scene.json" --out "$out/last-frame.png" \
	--record-out "$out/demo.mp4" --contact-sheet "$out/contact-sheet.png" "${record_args[@]}" \
	>"$out/obs.log" 2>&1 || { tail -30 "$out/obs.log"; exit 1; }
grep "^render-host:" "$out/obs.log"
"$build/tests/render/recording-check" --video "$out/demo.mp4" --spec "$root/packaging/demo/scene.json" \
	--stills "$out/stills"
echo
echo "demo: recording:     $out/demo.mp4"
echo "demo: contact sheet: $out/contact-sheet.png"
echo "demo: libobs log:    $out/obs.log"

if [ "$open_obs" -eq 1 ]; then
	exec "$root/packaging/open-obs-demo.sh"
fi

#!/usr/bin/env bash
# Real OBS smoke test: Debian's `obs` GUI under Xvfb with a throw-away HOME, our module installed there by
# packaging/install.sh, and a scene collection holding our three sources, fed by the built-in demo stream. Passes only when OBS's log shows our
# module loaded and our three sources created with no error from us, OBS offers our source kinds in "Add Source"
# (asked over obs-websocket) and OBS's own screenshot of the source shows the bar.
#
# usage: run-obs-smoke.sh SOURCE_DIR BUILD_DIR PROBE_BINARY OUT_DIR   (BUILD_DIR: a build with the module built)
set -euo pipefail
src=$1
module_build=$2
probe=$3
out=$4
# shellcheck source=tests/smoke/obs-start.sh
. "$(dirname "$0")/obs-start.sh"
obs_prepare smoke Smoke "$src" "$module_build" "$out" ffmpeg
obs_scene_collection \
	'live_gifts_goal_bar|Goal|240.0|300.0|{"title": "New camera 📷", "start": 570, "target": 1000}' \
	'live_gifts_gift_alerts|Gift Alerts|320.0|40.0|{}' \
	'live_gifts_top_supporters|Top Supporters|700.0|420.0|{}'

inside() {
	local status=0
	obs_start || return 1
	# obs-websocket asks for a password: a wrong one is turned away (4009: authentication failed), so the
	# probe's pass below shows its answer to OBS's challenge right.
	if "$probe" --port "$port" --password "not-$password" --timeout 30 >"$out/probe-wrong-password.log" 2>&1 ||
		! grep -q "code 4009" "$out/probe-wrong-password.log"; then
		echo "smoke: FAILED: obs-websocket did not turn a wrong password away" >&2
		cat "$out/probe-wrong-password.log" >&2
		status=1
	fi
	"$probe" --port "$port" --password "$password" --kind live_gifts_goal_bar --kind live_gifts_gift_alerts \
		--kind live_gifts_top_supporters --source Goal --out "$out/obs-source-screenshot.png" \
		--timeout 120 || status=$?
	sleep 10 # the demo stream's first gifts arrive after about 6 s
	ffmpeg -loglevel error -y -f x11grab -video_size 1920x1080 -i "$DISPLAY" -frames:v 1 \
		"$out/obs-window.png" || echo "smoke: could not take a screenshot of the OBS window"
	obs_stop
	return "$status"
}
export out probe
status=0
obs_in_xvfb inside || status=$?

obs_collect_log
if [ -z "$log" ]; then
	echo "smoke: OBS wrote no log" >&2
	cat "$out/obs-stdout.log" >&2 || true
	exit 1
fi
echo "smoke: OBS log: $log; window screenshot: $out/obs-window.png"
grep -F "[obs-live-gifts]" "$log" || true
failed=0
grep -q "\[obs-live-gifts\] loaded version" "$both" || { echo "smoke: FAILED: our module did not load" >&2; failed=1; }
for source in "Goal" "Gift Alerts" "Top Supporters"; do
	grep -q "\[obs-live-gifts\] '$source': .* created" "$both" || { echo "smoke: FAILED: '$source' was not created" >&2; failed=1; }
done
if grep -i -E "obs-live-gifts.*(error|fail|exception)|Failed to load 'obs-live-gifts'|live_gifts.*(missing|not found)" "$both"; then
	echo "smoke: FAILED: errors from obs-live-gifts in the log" >&2
	failed=1
fi
if [ "$status" -ne 0 ]; then
	echo "smoke: FAILED: obs-websocket probe (exit $status)" >&2
	failed=1
fi
exit "$failed"

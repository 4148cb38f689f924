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
# One item of the scene: NAME SOURCE_UUID X Y ID.
scene_item() {
	cat <<JSON
     {"name": "$1", "source_uuid": "$2", "visible": true, "locked": false, "rot": 0.0,
      "pos": {"x": $3, "y": $4}, "scale": {"x": 1.0, "y": 1.0}, "align": 5, "bounds_type": 0,
      "bounds_align": 0, "bounds": {"x": 0.0, "y": 0.0}, "crop_left": 0, "crop_top": 0, "crop_right": 0,
      "crop_bottom": 0, "id": $5, "group_item_backup": false}
JSON
}
uuid=6a1b2c3d-0000-4000-8000-00000000000
cat >"$config/basic/scenes/Smoke.json" <<JSON
{
 "name": "Smoke",
 "current_scene": "Live Gifts",
 "current_program_scene": "Live Gifts",
 "scene_order": [{"name": "Live Gifts"}],
 "sources": [
  {
   "id": "scene", "versioned_id": "scene", "name": "Live Gifts", "uuid": "${uuid}1",
   "settings": {
    "id_counter": 3,
    "custom_size": false,
    "items": [
$(scene_item "Goal" "${uuid}2" 240.0 300.0 1),
$(scene_item "Gift Alerts" "${uuid}3" 320.0 40.0 2),
$(scene_item "Top Supporters" "${uuid}4" 700.0 420.0 3)
    ]
   }
  },
  {
   "id": "live_gifts_goal_bar", "versioned_id": "live_gifts_goal_bar", "name": "Goal", "uuid": "${uuid}2",
   "settings": {"title": "New camera 📷", "start": 570, "target": 1000}
  },
  {
   "id": "live_gifts_gift_alerts", "versioned_id": "live_gifts_gift_alerts", "name": "Gift Alerts",
   "uuid": "${uuid}3", "settings": {}
  },
  {
   "id": "live_gifts_top_supporters", "versioned_id": "live_gifts_top_supporters", "name": "Top Supporters",
   "uuid": "${uuid}4", "settings": {}
  }
 ],
 "transitions": [],
 "current_transition": "Fade",
 "transition_duration": 300
}
JSON

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

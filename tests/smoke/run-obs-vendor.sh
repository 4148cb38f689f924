#!/usr/bin/env bash
# Real OBS test of our obs-websocket vendor API ("live-gifts"): Debian's `obs` GUI under Xvfb with a
# throw-away HOME, our module installed there by packaging/install.sh, a scene collection holding a Goal Bar and a Gift Alerts,
# and obs-websocket on a loopback port. obs-ws-vendor-probe, a client of obs-websocket as other tools are,
# subscribes to vendor events, pushes a gift twice with one msgId (PushEvent), reads the tally back
# (GetSummary) and waits for the GiftCounted event. Passes only when the probe passes and OBS's log shows the
# vendor registered with no error from us.
#
# usage: run-obs-vendor.sh SOURCE_DIR BUILD_DIR VENDOR_PROBE_BINARY OUT_DIR
set -euo pipefail
src=$1
module_build=$2
probe=$3
out=$4
# shellcheck source=tests/smoke/obs-start.sh
. "$(dirname "$0")/obs-start.sh"
obs_prepare vendor Vendor "$src" "$module_build" "$out" xdotool
uuid=7b1c2d3e-0000-4000-8000-00000000000
cat >"$config/basic/scenes/Vendor.json" <<JSON
{
 "name": "Vendor",
 "current_scene": "Live Gifts",
 "current_program_scene": "Live Gifts",
 "scene_order": [{"name": "Live Gifts"}],
 "sources": [
  {
   "id": "scene", "versioned_id": "scene", "name": "Live Gifts", "uuid": "${uuid}1",
   "settings": {"id_counter": 2, "custom_size": false, "items": [
     {"name": "Goal", "source_uuid": "${uuid}2", "visible": true, "locked": false, "rot": 0.0,
      "pos": {"x": 240.0, "y": 300.0}, "scale": {"x": 1.0, "y": 1.0}, "align": 5, "bounds_type": 0,
      "bounds_align": 0, "bounds": {"x": 0.0, "y": 0.0}, "crop_left": 0, "crop_top": 0, "crop_right": 0,
      "crop_bottom": 0, "id": 1, "group_item_backup": false},
     {"name": "Gift Alerts", "source_uuid": "${uuid}3", "visible": true, "locked": false, "rot": 0.0,
      "pos": {"x": 320.0, "y": 40.0}, "scale": {"x": 1.0, "y": 1.0}, "align": 5, "bounds_type": 0,
      "bounds_align": 0, "bounds": {"x": 0.0, "y": 0.0}, "crop_left": 0, "crop_top": 0, "crop_right": 0,
      "crop_bottom": 0, "id": 2, "group_item_backup": false}]}
  },
  {
   "id": "live_gifts_gift_alerts", "versioned_id": "live_gifts_gift_alerts", "name": "Gift Alerts",
   "uuid": "${uuid}3", "settings": {}
  },
  {
   "id": "live_gifts_goal_bar", "versioned_id": "live_gifts_goal_bar", "name": "Goal", "uuid": "${uuid}2",
   "settings": {"title": "Vendor goal", "start": 0, "target": 1000000}
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
	"$probe" --port "$port" --password "$password" --timeout 150 || status=$?
	# An orderly exit (File > Exit, Ctrl+Q) so the module unregisters its requests while obs-websocket is
	# still loaded.
	obs_stop orderly
	return "$status"
}
export probe
status=0
obs_in_xvfb inside || status=$?

obs_collect_log
grep -F "[obs-live-gifts]" "$both" | grep -i -E "vendor|api" || true
failed=0
grep -q "\[obs-live-gifts\] obs-websocket vendor 'live-gifts' registered" "$both" ||
	{ echo "vendor: FAILED: the vendor was not registered" >&2; failed=1; }
grep -q "\[obs-live-gifts\] obs-websocket vendor 'live-gifts': requests unregistered" "$both" ||
	{ echo "vendor: FAILED: no orderly exit unregistered the requests" >&2; failed=1; }
if grep -i -E "obs-live-gifts.*(error|fail|exception)|Failed to load 'obs-live-gifts'" "$both"; then
	echo "vendor: FAILED: errors from obs-live-gifts in the log" >&2
	failed=1
fi
if [ "$status" -ne 0 ]; then
	echo "vendor: FAILED: obs-ws-vendor-probe (exit $status)" >&2
	failed=1
fi
exit "$failed"

#!/usr/bin/env bash
# Real OBS test of our obs-websocket vendor API ("live-gifts"): Debian's `obs` GUI under Xvfb with a
# throw-away HOME, our module installed there by packaging/install.sh, a scene collection holding a Goal Bar and a Gift Alerts,
# and obs-websocket on a loopback port. obs-ws-vendor-probe, a client of obs-websocket as other tools are,
# subscribes to vendor events, pushes a gift twice with one msgId (PushEvent), reads the tally back
# (GetSummary) and waits for the GiftCounted event, then the other requests (StartVersus last starts a Gift vs
# Gift round). Then OBS is killed (SIGKILL, a crash: no save on exit) and started again: the round must come
# back (the start asked OBS to save the scene collection at once). Passes only when the probe passes, the
# round is taken back and OBS's logs show the vendor registered with no error from us, and at most the rate
# limiter's burst of lines for the probe's burst of resets. The collection also holds a likes goal and a battle
# goal (refused "Count the whole room" and a reset).
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
obs_scene_collection \
	'live_gifts_goal_bar|Goal|240.0|300.0|{"title": "Vendor goal", "start": 0, "target": 1000000}' \
	'live_gifts_gift_alerts|Gift Alerts|320.0|40.0|{}' \
	'live_gifts_gift_versus|Versus|240.0|460.0|{"duration": 600}' \
	'live_gifts_goal_bar|Likes|240.0|560.0|{"title": "Likes", "goal_kind": "likes", "target": 1000}' \
	'live_gifts_goal_bar|Battle|240.0|660.0|{"title": "Battle", "goal_kind": "battle_points", "target": 1000}'

# True once `grep -q ARGS...` matches, tried every 0.25 s for up to $1 tries.
poll_grep() {
	local tries=$1 i
	shift
	for ((i = 0; i < tries; ++i)); do
		grep -q "$@" 2>/dev/null && return 0
		sleep 0.25
	done
	return 1
}

inside() {
	local status=0
	obs_start || return 1
	"$probe" --port "$port" --password "$password" --timeout 150 || status=$?
	[ "$status" -eq 0 ] || { obs_stop orderly; return "$status"; }
	# The start asked OBS to save the scene collection: wait until the file holds the running round (OBS
	# writes it whole and renames it), then crash: no save on exit.
	poll_grep 80 -F 'phase\":\"running' "$scenes_file" ||
		echo "vendor: the scene collection does not hold the running round after 20 s" >&2
	kill -9 "$obs_pid"
	wait "$obs_pid" 2>/dev/null || true
	obs_pid=""
	mv "$obs_out/obs-stdout.log" "$obs_out/obs-stdout-before-crash.log"
	obs_start || return 1
	if ! poll_grep 120 "'Versus': gift vs gift: the round kept before was taken back" "$obs_out/obs-stdout.log"; then
		echo "vendor: FAILED: the Gift vs Gift round started before the crash was not taken back" >&2
		status=1
	fi
	# An orderly exit (File > Exit, Ctrl+Q) so the module unregisters its requests while obs-websocket is
	# still loaded.
	obs_stop orderly
	return "$status"
}
scenes_file="$config/basic/scenes/$obs_name.json"
export probe scenes_file
export -f poll_grep
rm -f "$obs_out/obs-stdout-before-crash.log"
status=0
obs_in_xvfb inside || status=$?

obs_collect_log
grep -F "[obs-live-gifts]" "$both" | grep -i -E "vendor|api" || true
failed=0
grep -q "\[obs-live-gifts\] obs-websocket vendor 'live-gifts' registered" "$both" ||
	{ echo "vendor: FAILED: the vendor was not registered" >&2; failed=1; }
grep -q "\[obs-live-gifts\] obs-websocket vendor 'live-gifts': requests unregistered" "$both" ||
	{ echo "vendor: FAILED: no orderly exit unregistered the requests" >&2; failed=1; }
before_crash=()
[ -f "$obs_out/obs-stdout-before-crash.log" ] && before_crash=("$obs_out/obs-stdout-before-crash.log")
if grep -i -E "obs-live-gifts.*(error|fail|exception)|Failed to load 'obs-live-gifts'" "$both" "${before_crash[@]}"; then
	echo "vendor: FAILED: errors from obs-live-gifts in the log" >&2
	failed=1
fi
# The probe's burst of resets: at most the rate limiter's burst of their lines (10 a kind per 10 s), not one each.
resets=$(grep -c "\[obs-live-gifts\] api: goal '[^']*' reset$" "${before_crash[@]:-/dev/null}" || true)
echo "vendor: $resets lines of 40+ resets in OBS's output"
if [ "$resets" -gt 10 ]; then
	echo "vendor: FAILED: the request log lines are not rate-limited ($resets lines)" >&2
	failed=1
fi
if [ "$status" -ne 0 ]; then
	echo "vendor: FAILED: obs-ws-vendor-probe (exit $status)" >&2
	failed=1
fi
exit "$failed"

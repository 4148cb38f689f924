#!/usr/bin/env bash
# Real OBS dock test: Debian's `obs` GUI under Xvfb with a throw-away HOME and our module installed by
# packaging/install.sh, connected to a loopback bridge (dock-ws-server). Passes only when
# - the "Live Gifts" dock is shown (floating, the first time OBS runs with the module) and moved to a known
#   place with xdotool;
# - the dock's status, which it also writes to OBS's log on each change, goes connecting -> connected as the
#   bridge starts (slow to accept) and the dock's Reconnect button is clicked, reconnecting when it stops, and connected again when it starts again
#   (before it starts first, the refused attempts show reconnecting); a screenshot of
#   the screen is saved at each step (dock-*.png in OUT_DIR) to be looked at;
# - a click on the dock's Pause button of the Gift Alerts queue (where the dock logs it, obs --verbose)
#   pauses that source (its own log line), and Resume resumes it;
# - a click on the dock's "Big gift" test button makes an alert card appear in the source: OBS's own
#   screenshot of it (obs-websocket GetSourceScreenshot) is empty before and shows the card after;
# - the module-wide hotkeys (reconnect, start stream, end stream) are registered (GetHotkeyList);
# - with supporters, a goal and an alert queue whose names are 120 characters long (Arabic, CJK, emoji, Latin),
#   the dock resized to 300, 420 and 1000 px wide keeps every button inside its visible width (the dock logs
#   its width and the buttons cut off, obs --verbose) and is no wider than asked (dock-6-width-*.png).
#
# usage: run-obs-dock.sh SOURCE_DIR BUILD_DIR PROBE_BINARY SERVER_BINARY OUT_DIR
set -euo pipefail
src=$1
module_build=$2
probe=$3
server=$4
out=$5
rm -rf "$out"
# shellcheck source=tests/smoke/obs-start.sh
. "$(dirname "$0")/obs-start.sh"
obs_prepare dock Dock "$src" "$module_build" "$out" xdotool ffmpeg
wsport=$(obs_free_port "$port") || { echo "dock: no free loopback port" >&2; exit 1; }
# The connection as the dock saves it: the bridge on the loopback port.
mkdir -p "$config/plugin_config/obs-live-gifts"
chmod 700 "$config/plugin_config/obs-live-gifts"
cat >"$config/plugin_config/obs-live-gifts/connection.json" <<JSON
{"version": 2, "kind": "websocket-url", "websocket-url": {"url": "ws://127.0.0.1:$wsport/"}}
JSON
chmod 600 "$config/plugin_config/obs-live-gifts/connection.json"
# Names of 120 characters without a space (nothing to wrap at): they must be cut, never widen the dock.
repeat() {
	local text="" i
	for ((i = 0; i < $2; ++i)); do text+=$1; done
	printf '%s' "$text"
}
long_arabic=$(repeat "عبدالرحمن_" 12)
long_cjk=$(repeat "非常感谢大家的支持和礼物" 10)
long_emoji=$(repeat "🎁🌹💎🦁" 30)
long_latin=$(repeat "Supporter_" 12)
# They name a second Gift Alerts source and a goal, scene items both (OBS drops sources no scene holds), and the
# supporters the bridge sends at the end.
printf '%s\n' "$long_arabic" "$long_cjk" "$long_emoji" "$long_latin" >"$out/nicknames.txt"
obs_scene_collection \
	'live_gifts_gift_alerts|Gift Alerts|320.0|40.0|{}' \
	"live_gifts_gift_alerts|$long_arabic|320.0|400.0|{}" \
	"live_gifts_goal_bar|Goal|40.0|600.0|{\"title\": \"$long_cjk$long_emoji\"}"

inside() {
	set -euo pipefail
	local log="$out/obs-stdout.log" failed=0 server_pid=""
	shot() { ffmpeg -loglevel error -y -f x11grab -video_size 1920x1080 -i "$DISPLAY" -frames:v 1 "$out/$1.png" || true; }
	# Waits up to $2 s until the log has at least $3 (default 1) lines matching $1.
	await() {
		local pattern=$1 seconds=$2 count=${3:-1} i
		for ((i = 0; i < seconds * 4; ++i)); do
			if [ "$(grep -c -E "$pattern" "$log" 2>/dev/null || true)" -ge "$count" ]; then
				return 0
			fi
			sleep 0.25
		done
		echo "dock: FAILED: no '$pattern' (x$count) in OBS's log within $seconds s" >&2
		return 1
	}
	# press NAME PATTERN: clicks the dock button NAME until PATTERN shows once more in the log (three tries,
	# so one click lost while a loaded machine catches up does not fail the test).
	press() {
		local name=$1 pattern=$2 before try i
		before=$(grep -c -E "$pattern" "$log" 2>/dev/null || true)
		for try in 1 2 3; do
			click "$name" || return 1
			for ((i = 0; i < 20; ++i)); do
				[ "$(grep -c -E "$pattern" "$log" 2>/dev/null || true)" -gt "$before" ] && return 0
				sleep 0.25
			done
			echo "dock: the click on $name showed no '$pattern' yet (try $try)" >&2
		done
		echo "dock: FAILED: no '$pattern' after three clicks on $name" >&2
		return 1
	}
	# How many log lines match $1 now (await then waits for one more).
	seen() { grep -c -E "$1" "$log" 2>/dev/null || true; }
	# The screen place of a dock button, from the newest "dock button NAME at X,Y" line.
	place() { grep -E "dock button $1 at " "$log" | tail -1 | sed -E 's/.* at ([0-9-]+),([0-9-]+).*/\1 \2/'; }
	click() {
		local xy
		xy=$(place "$1")
		[ -n "$xy" ] || { echo "dock: FAILED: the dock did not say where $1 is" >&2; return 1; }
		# shellcheck disable=SC2086
		# Qt takes a click only where it has seen the pointer arrive: move, let it settle, then click.
		xdotool mousemove $xy
		sleep 0.3
		xdotool click 1
	}

	obs_start --verbose || return 1
	{
		# No bridge yet: the connector's attempts are refused.
		await "\[obs-live-gifts\] dock added" 60 && await "dock status: reconnecting" 60 || failed=1
		# The dock floats in its own window: put it at a known place and size.
		if [ "$failed" -eq 0 ]; then
			local windows="" before i
			for ((i = 0; i < 80; ++i)); do
				windows=$(xdotool search --onlyvisible --name '^Live Gifts$' 2>/dev/null || true)
				[ -z "$windows" ] || break
				sleep 0.25
			done
			if [ -z "$windows" ]; then
				echo "dock: FAILED: no visible 'Live Gifts' window" >&2
				failed=1
			else
				before=$(grep -c "dock button liveGiftsReconnect at" "$log" || true)
				for window in $windows; do
					xdotool windowmove "$window" 1380 40 windowsize "$window" 520 1000 || true
				done
				await "dock button liveGiftsReconnect at" 20 $((before + 1)) || failed=1
				shot dock-0-refused
			fi
		fi
		# The bridge starts, slow to accept (4 s), and the streamer presses Reconnect rather than wait for the
		# backoff: connecting until the bridge accepts, then connected.
		if [ "$failed" -eq 0 ]; then
			local connecting
			connecting=$(seen "dock status: connecting")
			"$server" --port "$wsport" --accept-after-ms 4000 >"$out/server-1.log" 2>&1 &
			server_pid=$!
			press liveGiftsReconnect "reconnect asked" || failed=1
			await "dock status: connecting" 30 $((connecting + 1)) && await "dock status: connected" 30 || failed=1
			sleep 1.5
			shot dock-1-connected
		fi
		# The bridge goes away: reconnecting.
		if [ "$failed" -eq 0 ]; then
			local reconnecting
			reconnecting=$(seen "dock status: reconnecting")
			kill "$server_pid"
			wait "$server_pid" 2>/dev/null || true
			await "dock status: reconnecting" 30 $((reconnecting + 1)) || failed=1
			sleep 0.5
			shot dock-2-reconnecting
		fi
		# It comes back: connected again by itself (the backoff's next attempt).
		if [ "$failed" -eq 0 ]; then
			"$server" --port "$wsport" >"$out/server-2.log" 2>&1 &
			server_pid=$!
			await "dock status: connected" 60 2 || failed=1
			sleep 1
			shot dock-3-connected-again
		fi
		# The dock's buttons act on the scene: Pause, then Resume, of the Gift Alerts queue.
		if [ "$failed" -eq 0 ]; then
			press liveGiftsAlertsPause-0 "'Gift Alerts': alerts paused" || failed=1
			sleep 0.5
			shot dock-4-paused
			press liveGiftsAlertsPause-0 "'Gift Alerts': alerts resumed" || failed=1
		fi
		# A test button makes an alert appear in the scene: OBS's own screenshot of the source shows no
		# card before the click and a card after it.
		if [ "$failed" -eq 0 ]; then
			"$probe" --port "$port" --password "$password" --kind live_gifts_gift_alerts --hotkey live_gifts_reconnect \
				--hotkey live_gifts_start_stream --hotkey live_gifts_end_stream --source "Gift Alerts" --expect empty \
				--out "$out/source-before-test.png" --timeout 60 || failed=1
			press liveGiftsTest-bigGift "dock: test event bigGift" || failed=1
			sleep 1.5 # past the card's way in
			"$probe" --port "$port" --password "$password" --source "Gift Alerts" --expect card \
				--out "$out/source-after-test.png" --timeout 60 || failed=1
			shot dock-5-test-alert
		fi
		# Supporters with long nicknames (the bridge, started again, sends a Rose from each), then the dock at
		# three widths: every button inside its visible width, the dock no wider than asked.
		if [ "$failed" -eq 0 ]; then
			local connected width left line shown viewport contents
			connected=$(seen "dock status: connected")
			kill "$server_pid"
			wait "$server_pid" 2>/dev/null || true
			"$server" --port "$wsport" --gifts-from "$out/nicknames.txt" >"$out/server-3.log" 2>&1 &
			server_pid=$!
			await "dock status: connected" 60 $((connected + 1)) || failed=1
			sleep 2
			for width in 300 420 1000; do
				[ "$failed" -eq 0 ] || break
				before=$(seen "dock layout: ")
				left=$((1900 - width < 1380 ? 1900 - width : 1380)) # all of it on the screen
				for window in $windows; do
					xdotool windowmove "$window" "$left" 40 windowsize "$window" "$width" 1000 || true
				done
				await "dock layout: " 20 $((before + 1)) || { failed=1; break; }
				sleep 0.5
				shot "dock-6-width-$width"
				# The dock's lower half (goals, supporters) too: the wheel over the dock, and back.
				xdotool mousemove $((left + width / 2)) 500
				xdotool click --repeat 30 --delay 30 5
				sleep 0.5
				shot "dock-6-width-$width-lower"
				xdotool click --repeat 30 --delay 30 4
				line=$(grep -E "dock layout: " "$log" | tail -1)
				echo "dock: at $width px: ${line#*dock layout: }"
				read -r shown viewport contents < <(sed -E \
					's/.*dock layout: width ([0-9]+), viewport ([0-9]+), contents ([0-9]+),.*/\1 \2 \3/' <<<"$line")
				if ! grep -q -E ", 0 cut off$" <<<"$line"; then
					echo "dock: FAILED: at $width px buttons lie outside the dock's visible width" >&2
					failed=1
				fi
				if [ "$shown" -gt "$width" ]; then
					echo "dock: FAILED: asked $width px wide, the dock is $shown px" >&2
					failed=1
				fi
				if [ "$contents" -gt "$viewport" ]; then
					echo "dock: FAILED: at $width px the contents ($contents px) are wider than the dock ($viewport px)" >&2
					failed=1
				fi
			done
		fi
	} || failed=1
	[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
	obs_stop
	return "$failed"
}
export out probe server wsport
status=0
obs_in_xvfb inside || status=$?

grep -F "[obs-live-gifts]" "$out/obs-stdout.log" | grep -v "dock button" >"$out/live-gifts-lines.txt" || true
echo "dock: OBS output: $out/obs-stdout.log; screenshots: $out/dock-*.png"
grep -E "dock status:|alerts (paused|resumed)" "$out/obs-stdout.log" || true
# The order the dock showed: refused (reconnecting), connecting, connected, reconnecting, connected.
order=$(grep -o -E "dock status: (connecting|connected|reconnecting)" "$out/obs-stdout.log" |
	awk '{print $3}' | uniq | tr '\n' ' ')
echo "dock: status order: $order"
case " $order" in
*" reconnecting connecting connected "*"reconnecting "*"connected"*) ;;
*) echo "dock: FAILED: the status did not go reconnecting -> connecting -> connected -> reconnecting -> connected" >&2; status=1 ;;
esac
if grep -i -E "obs-live-gifts.*(error|exception)|Failed to load 'obs-live-gifts'" "$out/obs-stdout.log"; then
	echo "dock: FAILED: errors from obs-live-gifts in the log" >&2
	status=1
fi
exit "$status"

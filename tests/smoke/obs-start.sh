# shellcheck shell=bash
# Shared start-up and clean-up of the real-OBS tests (run-obs-smoke.sh, run-obs-dock.sh, run-obs-vendor.sh).
#
#   . "$(dirname "$0")/obs-start.sh"
#   obs_prepare TAG NAME SOURCE_DIR BUILD_DIR OUT_DIR [TOOL...]
#       Checks for obs and the TOOLs, makes a throw-away HOME (removed at exit), installs the module of BUILD_DIR
#       there with packaging/install.sh (its output in OUT_DIR/install.log), picks a free loopback port and a
#       password for obs-websocket and writes an OBS home (obs-home.sh) whose profile and scene collection are
#       NAME. Sets HOME, config (OBS's config folder), port and password. Messages start with "TAG: ". The
#       caller then writes the scene collection with obs_scene_collection.
#   obs_scene_collection SOURCE...
#       Writes the scene collection NAME ("$config/basic/scenes/NAME.json"): one scene, "Live Gifts", holding one
#       item per SOURCE in the order given (OBS drops sources no scene holds). Each SOURCE is
#       "KIND|NAME|X|Y|SETTINGS": the source kind, its name (no `"`, `\` or `|`), the item's position and the
#       source's settings as a JSON object ({} when empty).
#   obs_free_port NOT
#       A loopback port nothing listens on, and not NOT (0: any).
#   obs_in_xvfb FUNCTION
#       Runs FUNCTION under its own Xvfb server (tests/tools/with-xvfb.sh) in a bash that has this file's
#       functions and variables; returns its status.
#   obs_start [OBS ARGUMENTS...]          (in FUNCTION)
#       Starts `obs` on the Xvfb display with profile, scene collection NAME and scene "Live Gifts" (its output
#       in OUT_DIR/obs-stdout.log), sets obs_pid and waits until obs-websocket listens (up to 120 s). OBS is
#       killed when FUNCTION's bash exits, unless obs_stop ended it before.
#   obs_stop [orderly]                    (in FUNCTION)
#       Ends OBS: with `orderly` as a user does (Ctrl+Q), killed when it has not ended after 30 s; else killed.
#   obs_collect_log                       (after obs_in_xvfb)
#       Copies OBS's newest log file to OUT_DIR/obs-log.txt, sets `log` to it (empty when OBS wrote none) and
#       `both` to OUT_DIR/obs-log-and-stdout.txt, that file and OBS's output joined: OBS 29 on Linux writes its
#       log file from several threads without a lock, so a line can be cut or lost there when two threads log
#       at once; the same lines also go to stdout, one write each. Checks read both.

obs_smoke_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

obs_prepare() {
	obs_tag=$1 obs_name=$2 obs_src=$3
	local module_build=$4 tool
	obs_out=$5
	shift 5
	for tool in obs "$@"; do
		command -v "$tool" >/dev/null ||
			{ echo "$obs_tag: $tool is not installed (packaging/install-deps.sh)" >&2; exit 1; }
	done
	# The module of the build this test belongs to (built for the Qt of this machine's OBS; see CMakeLists.txt).
	[ -f "$module_build/CMakeCache.txt" ] || { echo "$obs_tag: $module_build is not a build folder" >&2; exit 1; }
	mkdir -p "$obs_out"
	obs_home=$(mktemp -d)
	trap 'rm -rf "$obs_home"' EXIT
	export HOME=$obs_home
	"$obs_src/packaging/install.sh" --build-dir "$module_build" >"$obs_out/install.log" 2>&1 ||
		{ cat "$obs_out/install.log" >&2; exit 1; }
	config="$HOME/.config/obs-studio"
	port=$(obs_free_port 0) || { echo "$obs_tag: no free loopback port" >&2; exit 1; }
	# obs-websocket asks for a password, as a streamer's usually does: the probes answer its challenge.
	password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
	# shellcheck source=tests/smoke/obs-home.sh
	. "$obs_smoke_dir/obs-home.sh"
	write_obs_home "$config" "$obs_name" "$port" "$password"
}

obs_scene_collection() {
	local base=7e0c5a1d-0000-4000-8000-0000000000 items="" sources="" n=0 spec kind name x y settings
	for spec in "$@"; do
		IFS='|' read -r kind name x y settings <<<"$spec"
		n=$((n + 1))
		[ -n "$settings" ] || settings='{}'
		items+="${items:+,}
     {\"name\": \"$name\", \"source_uuid\": \"$base$(printf %02d "$n")\", \"visible\": true, \"locked\": false,
      \"rot\": 0.0, \"pos\": {\"x\": $x, \"y\": $y}, \"scale\": {\"x\": 1.0, \"y\": 1.0}, \"align\": 5,
      \"bounds_type\": 0, \"bounds_align\": 0, \"bounds\": {\"x\": 0.0, \"y\": 0.0}, \"crop_left\": 0, \"crop_top\": 0,
      \"crop_right\": 0, \"crop_bottom\": 0, \"id\": $n, \"group_item_backup\": false}"
		sources+=",
  {\"id\": \"$kind\", \"versioned_id\": \"$kind\", \"name\": \"$name\", \"uuid\": \"$base$(printf %02d "$n")\",
   \"settings\": $settings}"
	done
	cat >"$config/basic/scenes/$obs_name.json" <<JSON
{
 "name": "$obs_name",
 "current_scene": "Live Gifts",
 "current_program_scene": "Live Gifts",
 "scene_order": [{"name": "Live Gifts"}],
 "sources": [
  {"id": "scene", "versioned_id": "scene", "name": "Live Gifts", "uuid": "${base}00",
   "settings": {"id_counter": $n, "custom_size": false, "items": [$items]}}$sources
 ],
 "transitions": [],
 "current_transition": "Fade",
 "transition_duration": 300
}
JSON
}

# True when something listens on loopback port $1.
obs_listening() {
	if command -v ss >/dev/null; then
		[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]
	else
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
	fi
}

obs_free_port() {
	local candidate i
	for ((i = 0; i < 100; ++i)); do
		candidate=$((20000 + RANDOM % 20000))
		if [ "$candidate" != "${1:-}" ] && ! obs_listening "$candidate"; then
			echo "$candidate"
			return 0
		fi
	done
	return 1
}

obs_in_xvfb() {
	# shellcheck disable=SC2163 # exports the function named by $1
	export -f obs_listening obs_start obs_stop "$1"
	export obs_tag obs_name obs_out port password
	"$obs_src/tests/tools/with-xvfb.sh" bash -c "$1"
}

obs_start() {
	# OBS draws its windows on the Xvfb display, whatever platform the test runner chose for headless Qt.
	QT_QPA_PLATFORM=xcb obs "$@" --multi --collection "$obs_name" --profile "$obs_name" --scene "Live Gifts" \
		>"$obs_out/obs-stdout.log" 2>&1 &
	obs_pid=$!
	trap 'obs_stop' EXIT
	local i
	for ((i = 0; i < 480; ++i)); do
		obs_listening "$port" && return 0
		kill -0 "$obs_pid" 2>/dev/null || { echo "$obs_tag: OBS ended while starting" >&2; return 1; }
		sleep 0.25
	done
	echo "$obs_tag: obs-websocket did not listen on port $port within 120 s" >&2
	return 1
}

obs_stop() {
	[ -n "${obs_pid:-}" ] || return 0
	local window i
	if [ "${1:-}" = orderly ] && kill -0 "$obs_pid" 2>/dev/null; then
		window=$(xdotool search --onlyvisible --name '^OBS ' 2>/dev/null | head -1 || true)
		if [ -n "$window" ]; then
			xdotool windowactivate --sync "$window" key --clearmodifiers ctrl+q 2>/dev/null ||
				xdotool windowfocus --sync "$window" key --clearmodifiers ctrl+q || true
		fi
		for ((i = 0; i < 60; ++i)); do
			kill -0 "$obs_pid" 2>/dev/null || break
			sleep 0.5
		done
		if kill -0 "$obs_pid" 2>/dev/null; then
			echo "$obs_tag: OBS did not exit by itself; killing it" >&2
		fi
	fi
	kill "$obs_pid" 2>/dev/null || true
	wait "$obs_pid" 2>/dev/null || true
	obs_pid=""
}

obs_collect_log() {
	log=$(ls -t "$config/logs/"*.txt 2>/dev/null | head -1 || true)
	if [ -n "$log" ]; then
		cp "$log" "$obs_out/obs-log.txt"
		log="$obs_out/obs-log.txt"
	fi
	both="$obs_out/obs-log-and-stdout.txt"
	cat ${log:+"$log"} "$obs_out/obs-stdout.log" >"$both" 2>/dev/null || true
}

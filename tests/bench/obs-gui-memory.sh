#!/usr/bin/env bash
# Memory our sources add to the OBS a streamer runs: Debian's OBS (its own window, runtime and dock) under Xvfb
# with a throw-away home, one scene with a colour source only, then the same scene with our sources; PSS of the
# obs process after a wait, for each, alternated. Prints figures; passes or fails nothing.
#
# usage: tests/bench/obs-gui-memory.sh BUILD_DIR [--connection demo|off] [--sources alerts|three] [--rounds N]
#                                     [--wait SECONDS]
#   BUILD_DIR: a build whose module fits the OBS on this machine (on Debian 12: the Qt 5 build of tests/run.sh,
#   build/tests-qt5). Defaults: demo, three, 2 rounds, 45 s after obs-websocket listens.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: $0 BUILD_DIR [--connection demo|off] [--sources alerts|three] [--rounds N] [--wait SECONDS]}
build=$(cd "$build" && pwd)
shift
connection=demo sources=three rounds=2 wait=45
while [ "$#" -gt 0 ]; do
	case "$1" in
	--connection) connection=$2; shift 2 ;;
	--sources) sources=$2; shift 2 ;;
	--rounds) rounds=$2; shift 2 ;;
	--wait) wait=$2; shift 2 ;;
	*) echo "unknown option $1" >&2; exit 2 ;;
	esac
done
# shellcheck source=tests/smoke/obs-start.sh
. "$root/tests/smoke/obs-start.sh"

# In obs_in_xvfb: starts OBS, waits, prints the obs process's PSS and anonymous PSS in MB, stops it.
measure_obs() {
	obs_start
	sleep "$wait_s"
	python3 - "$obs_pid" <<'PY'
import sys
kb = {}
for line in open('/proc/%s/smaps_rollup' % sys.argv[1]):
    parts = line.split()
    if len(parts) >= 2 and parts[0].endswith(':') and parts[1].isdigit():
        kb[parts[0][:-1]] = int(parts[1])
print('%.1f %.1f' % (kb['Pss'] / 1024, kb.get('Pss_Anon', 0) / 1024))
PY
	obs_stop
}

# One OBS run in a home of its own (removed when the subshell ends): the colour source, plus ours per $1.
measure() (
	local scene=("color_source_v3|Color|0|0|{\"color\": 4281545523, \"width\": 1280, \"height\": 720}")
	if [ "$1" != none ]; then
		scene+=("live_gifts_gift_alerts|Gift Alerts|320|40|{}")
	fi
	if [ "$1" = three ]; then
		scene+=("live_gifts_goal_bar|Goal Bar|240|600|{\"goal_id\": \"bench-goal\", \"title\": \"Ring light 💡\", \"target\": 5000, \"width\": 800, \"height\": 100}"
			"live_gifts_top_supporters|Top Supporters|880|150|{\"width\": 380, \"count\": 5}")
	fi
	out=$(mktemp -d /tmp/live-gifts-gui-memory.XXXXXX)
	trap 'rm -rf "$out"' EXIT
	obs_prepare obs-gui-memory Mem "$root" "$build" "$out" >&2
	trap 'rm -rf "$obs_home" "$out"' EXIT # obs_prepare's own trap removes only the home
	obs_scene_collection "${scene[@]}"
	mkdir -p "$config/plugin_config/obs-live-gifts"
	printf '{"kind": "%s", "speed": 1}\n' "$connection" >"$config/plugin_config/obs-live-gifts/connection.json"
	export wait_s=$wait
	obs_in_xvfb measure_obs
)

echo "obs-gui-memory: $(obs --version 2>/dev/null | head -1), connection $connection, sources $sources, ${wait} s after start"
for round in $(seq "$rounds"); do
	read -r basePss baseAnon < <(measure none)
	read -r oursPss oursAnon < <(measure "$sources")
	python3 -c "import sys; b, o, ba, oa = map(float, sys.argv[1:]); \
print('round %s: colour source only PSS %.1f MB; with ours %.1f MB: added %.1f MB (anonymous %.1f)' \
% ('$round', b, o, o - b, oa - ba))" "$basePss" "$oursPss" "$baseAnon" "$oursAnon"
done

#!/usr/bin/env bash
# Memory our sources add to the OBS a streamer runs: Debian's OBS (its own window, runtime and dock) under Xvfb
# with a throw-away home, one scene with a colour source only, then the same scene with our sources; PSS of the
# obs process after a wait, for each, alternated. Prints figures; passes or fails nothing.
#
# usage: tests/bench/obs-gui-memory.sh BUILD_DIR [--connection demo|off] [--sources alerts|three] [--rounds N]
#                                     [--wait SECONDS]
#   BUILD_DIR: a build whose module fits the OBS on this machine (on Debian 12: the Qt 5 build of tests/run.sh,
#   build/tests-qt5). Defaults: demo, three, 2 rounds, 45 s.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:?usage: $0 BUILD_DIR [--connection demo|off] [--sources alerts|three] [--rounds N] [--wait SECONDS]}
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
work=$(mktemp -d /tmp/live-gifts-gui-memory.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
. "$root/tests/smoke/obs-home.sh"

# One OBS run: prints the obs process's PSS, RSS and anonymous PSS in MB after the wait.
measure() {
	local with=$1 run home config xvfb obs display
	run=$(mktemp -d "$work/run.XXXX")
	home=$run/home
	config=$home/.config/obs-studio
	HOME=$home "$root/packaging/install.sh" --build-dir "$build" >"$run/install.log" 2>&1
	write_obs_home "$config" Mem 4477 ""
	python3 - "$config/basic/scenes/Mem.json" "$with" <<'PY'
import json, sys
with_ours = sys.argv[2]
srcs = [("color_source_v3", "Color", {"color": 4281545523, "width": 1280, "height": 720}, 0, 0)]
if with_ours in ("alerts", "three"):
    srcs.append(("live_gifts_gift_alerts", "Gift Alerts", {}, 320, 40))
if with_ours == "three":
    srcs.append(("live_gifts_goal_bar", "Goal Bar", {"goal_id": "bench-goal", "title": "Ring light 💡", "target": 5000,
                                                      "width": 800, "height": 100}, 240, 600))
    srcs.append(("live_gifts_top_supporters", "Top Supporters", {"width": 380, "count": 5}, 880, 150))
base = "7e0c5a1d-0000-4000-8000-0000000000"
items, sources = [], []
for n, (kind, name, settings, x, y) in enumerate(srcs, 1):
    uuid = base + "%02d" % n
    items.append({"name": name, "source_uuid": uuid, "visible": True, "locked": False, "rot": 0.0,
                  "pos": {"x": float(x), "y": float(y)}, "scale": {"x": 1.0, "y": 1.0}, "align": 5, "bounds_type": 0,
                  "bounds_align": 0, "bounds": {"x": 0.0, "y": 0.0}, "crop_left": 0, "crop_top": 0, "crop_right": 0,
                  "crop_bottom": 0, "id": n, "group_item_backup": False})
    sources.append({"id": kind, "versioned_id": kind, "name": name, "uuid": uuid, "settings": settings})
scene = {"id": "scene", "versioned_id": "scene", "name": "Live Gifts", "uuid": base + "00",
         "settings": {"id_counter": len(items), "custom_size": False, "items": items}}
json.dump({"name": "Mem", "current_scene": "Live Gifts", "current_program_scene": "Live Gifts",
           "scene_order": [{"name": "Live Gifts"}], "sources": [scene] + sources, "transitions": [],
           "current_transition": "Fade", "transition_duration": 300}, open(sys.argv[1], "w"))
PY
	mkdir -p "$config/plugin_config/obs-live-gifts"
	printf '{"kind": "%s", "speed": 1}\n' "$connection" >"$config/plugin_config/obs-live-gifts/connection.json"
	Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp -noreset 3>"$run/displayfd" >"$run/xvfb.log" 2>&1 &
	xvfb=$!
	for _ in $(seq 40); do [ -s "$run/displayfd" ] && break; sleep 0.25; done
	display=":$(head -1 "$run/displayfd")"
	HOME=$home DISPLAY=$display QT_QPA_PLATFORM=xcb obs --multi --collection Mem --profile Mem --scene "Live Gifts" \
		>"$run/obs.log" 2>&1 &
	obs=$!
	sleep "$wait"
	python3 - "$obs" <<'PY'
import sys
kb = {}
for line in open('/proc/%s/smaps_rollup' % sys.argv[1]):
    parts = line.split()
    if len(parts) >= 2 and parts[0].endswith(':') and parts[1].isdigit():
        kb[parts[0][:-1]] = int(parts[1])
print('%.1f %.1f %.1f' % (kb['Pss'] / 1024, kb['Rss'] / 1024, kb.get('Pss_Anon', 0) / 1024))
PY
	kill "$obs" 2>/dev/null || true
	for _ in $(seq 20); do kill -0 "$obs" 2>/dev/null || break; sleep 0.25; done
	kill -9 "$obs" 2>/dev/null || true
	kill "$xvfb" 2>/dev/null || true
	wait "$obs" "$xvfb" 2>/dev/null || true
}

echo "obs-gui-memory: $(obs --version 2>/dev/null | head -1), connection $connection, sources $sources, ${wait} s after start"
for round in $(seq "$rounds"); do
	read -r basePss baseRss baseAnon < <(measure none)
	read -r oursPss oursRss oursAnon < <(measure "$sources")
	python3 -c "import sys; b, o, ba, oa = map(float, sys.argv[1:]); \
print('round %s: colour source only PSS %.1f MB; with ours %.1f MB: added %.1f MB (anonymous %.1f)' \
% ('$round', b, o, o - b, oa - ba))" "$basePss" "$oursPss" "$baseAnon" "$oursAnon"
done

#!/usr/bin/env bash
# Installs the plugin for this machine's OBS and opens OBS on a ready "Live Gifts Demo" scene collection
# (Goal Bar, Gift Alerts and Top Supporters fed by the built-in demo stream). Only adds that collection:
# your own scenes, profiles and settings are left as they are. Needs a display.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || { echo "open-obs-demo: no display; run it from your desktop session" >&2; exit 1; }
command -v obs >/dev/null || { echo "open-obs-demo: OBS is not installed (apt-get install obs-studio)" >&2; exit 1; }
"$root/packaging/install.sh" "$@" # e.g. --build-dir DIR of a module already built for this OBS
scenes="$HOME/.config/obs-studio/basic/scenes"
mkdir -p "$scenes"
collection="$scenes/Live_Gifts_Demo.json"
if [ ! -f "$collection" ]; then
	cp "$root/packaging/demo/obs-scene-collection.json" "$collection"
	echo "open-obs-demo: added the scene collection $collection"
fi
echo "open-obs-demo: starting OBS on the 'Live Gifts Demo' collection"
exec obs --collection "Live Gifts Demo" --scene "Live Gifts"

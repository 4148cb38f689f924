#!/usr/bin/env bash
# Runs a command with its own Xvfb server. The server picks a free display number itself (-displayfd), so
# any number of these can run in parallel without racing for a display.
set -euo pipefail
if [ "$#" -eq 0 ]; then
	echo "usage: $0 COMMAND [ARGS...]" >&2
	exit 2
fi
command -v Xvfb >/dev/null || { echo "with-xvfb: Xvfb is not installed (apt-get install xvfb)" >&2; exit 2; }
workdir=$(mktemp -d)
trap 'kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; rm -rf "$workdir"' EXIT
mkfifo "$workdir/displayfd"
Xvfb -displayfd 3 -screen 0 "${XVFB_SCREEN:-1920x1080x24}" -nolisten tcp -noreset 3>"$workdir/displayfd" \
	>"$workdir/xvfb.log" 2>&1 &
xvfb_pid=$!
read -r -t 20 display <"$workdir/displayfd" || { echo "with-xvfb: Xvfb did not start" >&2; cat "$workdir/xvfb.log" >&2; exit 2; }
export DISPLAY=":$display"
"$@"

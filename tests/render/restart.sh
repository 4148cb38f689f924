#!/usr/bin/env bash
# A restart on the real libobs: the render host runs the first spec, which saves its scene, then a second
# time on the same kept config folder (ledger, connection, saved scene) with the second spec, which loads it.
#   restart.sh RENDER_HOST MODULE DATA_DIR SPEC_1 SPEC_2 OUT_DIR [GOLDEN_2]
# GOLDEN_2: the golden image the second run's frame is compared with (none: no image is compared).
set -euo pipefail
host=$1 module=$2 data=$3 first=$4 second=$5 out=$6 golden=${7:-}
state="$out/$(basename "$first" .json)-state"
rm -rf "$state"
mkdir -p "$state"
"$host" --module "$module" --data "$data" --spec "$first" --out "$out/$(basename "$first" .json).png" --state "$state"
"$host" --module "$module" --data "$data" --spec "$second" --out "$out/$(basename "$second" .json).png" --state "$state" \
	${golden:+--golden "$golden"}
rm -rf "$state"

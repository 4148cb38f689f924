#!/usr/bin/env bash
# The house as drawn from its includes: each floor of plugin/ includes only the floors below it
# (core <- view <- obs; core <- connect <- obs; cli <- core, connect), core and view stay free of libobs,
# Qt and curl, no header includes itself in a circle, and no C++ file in plugin/ or tests/ is over 600 lines.
# Prints every breach and fails when there is one.
#
# usage: check-house.sh SOURCE_DIR
set -euo pipefail
cd "${1:-$(dirname "$0")/../..}/plugin"
failed=0
breach() {
	echo "check-house: $*" >&2
	failed=1
}

# "floor: include patterns it may not use" (extended regular expressions on the include line).
rules=(
	'core:#include ["<](view|connect|obs|cli)/|#include <(Q|obs|util/|graphics/|curl)'
	'view:#include ["<](connect|obs|cli)/|#include <(Q|obs|util/|graphics/|curl)'
	'connect:#include ["<](view|obs|cli)/|#include <(obs|util/|graphics/)'
	'cli:#include ["<](view|obs)/|#include <(obs|util/|graphics/)'
	'obs:#include ["<]cli/'
)
for rule in "${rules[@]}"; do
	floor=${rule%%:*}
	pattern=${rule#*:}
	[ -d "$floor" ] || { breach "no plugin/$floor folder"; continue; }
	while IFS= read -r hit; do
		breach "include running up a floor: $hit"
	done < <(grep -rnE "$pattern" "$floor" --include='*.cpp' --include='*.hpp' --include='*.h' || true)
done

# Circles: every quoted include is an edge "file included-file"; tsort reports a loop.
edges=$(grep -rnoE '^#include "[a-z]+/[^"]+"' core view connect obs cli --include='*.cpp' --include='*.hpp' |
	sed -E 's/:[0-9]+:#include "(.*)"$/ \1/')
if ! loops=$(printf '%s\n' "$edges" | tsort 2>&1 >/dev/null) || [ -n "$loops" ]; then
	breach "include circle: $loops"
fi

while read -r lines file; do
	[ "$file" = total ] && continue
	if [ "$lines" -gt 600 ]; then
		breach "$file has $lines lines (at most 600)"
	fi
done < <(find . ../tests -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.in' \) -not -path '*/node_modules/*' -exec wc -l {} +)

[ "$failed" -eq 0 ] && echo "check-house: the floors hold (no upward include, no circle, no C++ file over 600 lines)"
exit "$failed"

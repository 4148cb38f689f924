#!/usr/bin/env bash
# Removes obs-live-gifts from the per-user OBS plugin folder (settings and the gift ledger in
# ~/.config/obs-studio/plugin_config/obs-live-gifts are kept unless --purge is given).
set -euo pipefail
prefix="${HOME}/.config/obs-studio/plugins/obs-live-gifts"
purge=0
while [ "$#" -gt 0 ]; do
	case "$1" in
	--prefix) prefix=$2; shift 2 ;;
	--purge) purge=1; shift ;;
	*) echo "usage: $0 [--prefix PLUGIN_DIR] [--purge]" >&2; exit 2 ;;
	esac
done
if [ -d "$prefix" ]; then
	rm -rf -- "$prefix"
	echo "uninstall: removed $prefix"
else
	echo "uninstall: nothing installed in $prefix"
fi
if [ "$purge" -eq 1 ]; then
	rm -rf -- "${HOME}/.config/obs-studio/plugin_config/obs-live-gifts"
	echo "uninstall: removed settings and ledger"
fi

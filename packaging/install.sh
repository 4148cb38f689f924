#!/usr/bin/env bash
# Installs the obs-live-gifts module into the per-user OBS plugin folder:
#   ~/.config/obs-studio/plugins/obs-live-gifts/{bin/64bit/obs-live-gifts.so,data/}
# Usage: packaging/install.sh [--build-dir DIR] [--prefix PLUGIN_DIR]
# Without --build-dir it configures and builds a release module for the OBS on this machine (the Qt major
# version is detected from it) in build/install-module.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build_dir=""
prefix="${HOME}/.config/obs-studio/plugins/obs-live-gifts"
while [ "$#" -gt 0 ]; do
	case "$1" in
	--build-dir) build_dir=$2; shift 2 ;;
	--prefix) prefix=$2; shift 2 ;;
	*) echo "usage: $0 [--build-dir DIR] [--prefix PLUGIN_DIR]" >&2; exit 2 ;;
	esac
done
if [ -z "$build_dir" ]; then
	build_dir="$root/build/install-module"
	cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DLIVE_GIFTS_QT=AUTO \
		-DLIVE_GIFTS_BUILD_TESTS=OFF -DLIVE_GIFTS_INSTALL_LAYOUT=user >/dev/null
	cmake --build "$build_dir" --target obs-live-gifts -j "$(nproc)"
fi
cmake --install "$build_dir" --component plugin --prefix "$prefix" >/dev/null
echo "install: obs-live-gifts installed in $prefix"

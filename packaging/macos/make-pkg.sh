#!/usr/bin/env bash
# macOS: the installer package of the plugin bundle, installed for every user into
# /Library/Application Support/obs-studio/plugins (where OBS 28+ looks for .plugin bundles).
# usage: packaging/macos/make-pkg.sh BUILD_DIR OUT_DIR   (after `cmake --build --preset macos`)
set -euo pipefail
build=$1 out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
name=$(plutil -extract name raw -o - "$root/buildspec.json")
version=$(plutil -extract version raw -o - "$root/buildspec.json")
bundle_id=$(plutil -extract platformConfig.macos.bundleId raw -o - "$root/buildspec.json")
stage="$out/stage"
rm -rf "$stage" && mkdir -p "$stage"
cmake --install "$build" --config RelWithDebInfo --component plugin --prefix "$stage"
[ -d "$stage/$name.plugin" ] || { echo "make-pkg: no $name.plugin in $stage" >&2; exit 1; }
pkgbuild --root "$stage" --identifier "$bundle_id" --version "$version" \
	--install-location "/Library/Application Support/obs-studio/plugins" "$out/$name-$version-macos-universal.pkg"
echo "make-pkg: $out/$name-$version-macos-universal.pkg"

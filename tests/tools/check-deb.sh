#!/usr/bin/env bash
# The Debian package, checked from outside: `cpack -G DEB` of a build folder makes the .deb; its control
# fields must name OBS and the shared libraries the module links; its files must land in Debian's system
# plugin folders; and the module unpacked from it (dpkg-deb -x into a throw-away root) must load into the
# real libobs, register its three sources and render a golden scene from its packaged data folder.
# usage: check-deb.sh BUILD_DIR RENDER_HOST SPEC GOLDEN OUT_DIR
set -euo pipefail
build=$1 host=$2 spec=$3 golden=$4 out=$5
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "check-deb: $*" >&2; exit 1; }

rm -rf "$out" && mkdir -p "$out"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$out/cpack" >"$out/cpack.log" 2>&1 ||
	{ cat "$out/cpack.log" >&2; fail "cpack failed"; }
deb=$(find "$out/cpack" -maxdepth 1 -name 'obs-live-gifts_*.deb' | head -n 1)
[ -n "$deb" ] || fail "no obs-live-gifts_*.deb in $out/cpack"
echo "check-deb: $(basename "$deb") ($(stat -c %s "$deb") bytes)"

dpkg-deb --info "$deb" >"$out/info.txt"
package=$(dpkg-deb -f "$deb" Package)
depends=$(dpkg-deb -f "$deb" Depends)
arch=$(dpkg-deb -f "$deb" Architecture)
echo "check-deb: Package: $package; Architecture: $arch"
echo "check-deb: Depends: $depends"
[ "$package" = obs-live-gifts ] || fail "Package is '$package'"
[ "$arch" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$arch'"
grep -Fq 'obs-studio (>= ' <<<"$depends" || fail "Depends lacks obs-studio"
for need in libcurl libsqlite3 libwebp 'libqt[56]core' libssl libavcodec libobs; do
	grep -Eq "$need" <<<"$depends" || fail "Depends lacks $need"
done

dpkg-deb --contents "$deb" >"$out/contents.txt"
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
module_path="usr/lib/$multiarch/obs-plugins/obs-live-gifts.so"
data_path="usr/share/obs/obs-plugins/obs-live-gifts"
for need in "./$module_path" "./$data_path/locale/en-US.ini" "./$data_path/effects/"; do
	grep -q " $need" "$out/contents.txt" || fail "the package lacks $need"
done
if awk '{print $6}' "$out/contents.txt" | grep -Ev '^\./($|usr/($|lib/($|'"$multiarch"'/($|obs-plugins/))|share/($|obs/($|obs-plugins/($|obs-live-gifts/)))|share/doc/))'; then
	fail "files outside the system plugin folders (above)"
fi
mode=$(awk -v f="./$module_path" '$6 == f {print $1}' "$out/contents.txt")
[ "$mode" = "-rw-r--r--" ] || fail "the module's mode is $mode"

root="$out/root"
mkdir -p "$root" && dpkg-deb -x "$deb" "$root"
log="$out/render.log"
"$here/with-xvfb.sh" "$host" --module "$root/$module_path" --data "$root/$data_path" --spec "$spec" \
	--out "$out/render.png" --golden "$golden" >"$log" 2>&1 || { cat "$log" >&2; fail "the packaged module did not render"; }
line=$(grep -m1 "module registered:" "$log") || { cat "$log" >&2; fail "no registration line"; }
echo "check-deb: $line"
for id in live_gifts_gift_alerts live_gifts_goal_bar live_gifts_top_supporters; do
	grep -qw "$id" <<<"$line" || fail "$id is not registered"
done
echo "check-deb: the packaged module loads, registers its three sources and matches $(basename "$golden")"

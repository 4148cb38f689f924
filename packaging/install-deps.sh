#!/usr/bin/env bash
# Installs the Debian 12 packages obs-live-gifts needs to build, test and run its demo.
# Idempotent and non-interactive: does nothing when everything is present.
set -euo pipefail

packages=(
	# toolchain
	build-essential cmake ninja-build pkg-config git ca-certificates
	# Clang with its sanitizer and libFuzzer runtimes: the ASan/UBSan stage and the fuzz targets (tests/run.sh)
	clang-14 libclang-rt-14-dev
	# OBS: headers for the module, the real OBS for the smoke test and its runtime plugins for the demo
	libobs-dev obs-studio
	# Qt 6 (upstream OBS 28+) and Qt 5 (Debian's OBS): base only, what OBS ships on every platform
	qt6-base-dev qtbase5-dev
	# libraries of the core and the connectors; the WebSocket connector (and the real-OBS tests' helpers) is
	# websocketpp on standalone asio, wss:// through OpenSSL
	libcurl4-openssl-dev nlohmann-json3-dev libsqlite3-dev libwebp-dev catch2 libx11-dev
	libwebsocketpp-dev libasio-dev libssl-dev
	# FFmpeg's libraries: alert sounds (WAV, MP3, OGG) decoded by the module (OBS ships them on every platform)
	libavformat-dev libavcodec-dev libswresample-dev libavutil-dev
	# headless rendering: X server, Mesa (llvmpipe), EGL
	xvfb xauth libgl1-mesa-dri libegl-mesa0 libegl1
	# the real-OBS dock test clicks the dock's buttons
	xdotool
	# fonts for every script and colour emoji
	fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core
	# recordings and screenshots
	ffmpeg
	# the optional connector bridge (Node; its npm comes with nodejs) and its offline test
	nodejs
)

missing=()
for package in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
	if [ "$status" != "install ok installed" ]; then
		missing+=("$package")
	fi
done

if [ "${#missing[@]}" -eq 0 ]; then
	echo "install-deps: all ${#packages[@]} packages are present"
	exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
	sudo_cmd=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

# shellcheck shell=bash
# Shared by the real-OBS tests: a throw-away OBS home whose first start opens the profile and scene
# collection NAME (1280x720, 30 fps) with obs-websocket on PORT (asking for PASSWORD; none when it is empty), no
# first-run wizard. obs-start.sh uses it.
#
# usage: . obs-home.sh; write_obs_home CONFIG_DIR NAME PORT [PASSWORD]
write_obs_home() {
	local config=$1 name=$2 port=$3 password=${4:-} auth=false
	[ -z "$password" ] || auth=true
	mkdir -p "$config/basic/scenes" "$config/basic/profiles/$name" "$config/plugin_config/obs-websocket"
	cat >"$config/global.ini" <<INI
[General]
FirstRun=true
LastVersion=486539266
[Basic]
Profile=$name
ProfileDir=$name
SceneCollection=$name
SceneCollectionFile=$name
[OBSWebSocket]
FirstLoad=false
ServerEnabled=true
ServerPort=$port
AlertsEnabled=false
AuthRequired=$auth
ServerPassword=$password
[BasicWindow]
geometry=AdnQywADAAAAAAAAAAAAAAAAB38AAAQ3AAAAAAAAAAAAAAd/AAAENwAAAAACAAAAB4A=
INI
	cat >"$config/basic/profiles/$name/basic.ini" <<INI
[General]
Name=$name
[Video]
BaseCX=1280
BaseCY=720
OutputCX=1280
OutputCY=720
FPSType=0
FPSCommon=30
INI
	# obs-websocket 5.1 (OBS 29) reads [OBSWebSocket] above; 5.3+ (OBS 30+) reads this file.
	cat >"$config/plugin_config/obs-websocket/config.json" <<JSON
{"alerts_enabled": false, "auth_required": $auth, "first_load": false, "server_enabled": true,
 "server_password": "$password", "server_port": $port}
JSON
}

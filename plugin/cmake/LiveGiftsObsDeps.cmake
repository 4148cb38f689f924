# Windows and macOS: OBS's own build dependencies for a module, as OBS's release builds have them. With
# LIVE_GIFTS_OBS_DEPS on (the windows-x64 and macos presets), configure downloads into .deps/ what
# buildspec.json names, each checked against its SHA-256: obs-deps (FFmpeg and the libraries OBS ships), obs-deps'
# Qt 6, and OBS's sources, of which it builds and installs libobs and obs-frontend-api once; then it puts them
# on CMAKE_PREFIX_PATH. The other libraries (SQLite, libwebp, OpenSSL, websocketpp, asio, nlohmann-json) come
# from vcpkg (packaging/vcpkg/vcpkg.json). On Linux the distribution's packages are used instead.
include_guard(GLOBAL)

option(LIVE_GIFTS_OBS_DEPS "Download and build OBS's dependencies named in buildspec.json (Windows, macOS)" OFF)
if(NOT LIVE_GIFTS_OBS_DEPS)
  return()
endif()

if(WIN32)
  set(_lg_platform windows-x64)
  set(_lg_arch x64)
  set(_lg_prebuilt_file "windows-deps-@VERSION@-x64.zip")
  set(_lg_qt6_file "windows-deps-qt6-@VERSION@-x64.zip")
  set(_lg_obs_file "@VERSION@.zip")
elseif(APPLE)
  set(_lg_platform macos)
  set(_lg_arch universal)
  set(_lg_prebuilt_file "macos-deps-@VERSION@-universal.tar.xz")
  set(_lg_qt6_file "macos-deps-qt6-@VERSION@-universal.tar.xz")
  set(_lg_obs_file "@VERSION@.tar.gz")
else()
  message(FATAL_ERROR "LIVE_GIFTS_OBS_DEPS is for Windows and macOS; on Linux install your distribution's "
                      "libobs-dev (packaging/install-deps.sh)")
endif()

set(_lg_deps_dir "${CMAKE_SOURCE_DIR}/.deps")
file(READ "${CMAKE_SOURCE_DIR}/buildspec.json" _lg_spec)

# _lg_fetch(NAME OUT_DIR): downloads dependency NAME of buildspec.json (checked) and unpacks it once.
function(_lg_fetch name out_dir)
  string(JSON version GET "${_lg_spec}" dependencies ${name} version)
  string(JSON base GET "${_lg_spec}" dependencies ${name} baseUrl)
  string(JSON hash GET "${_lg_spec}" dependencies ${name} hashes ${_lg_platform})
  string(JSON label GET "${_lg_spec}" dependencies ${name} label)
  if(name STREQUAL "obs-studio")
    string(REPLACE "@VERSION@" "${version}" file "${_lg_obs_file}")
    set(url "${base}/${file}")
  else()
    string(REPLACE "@VERSION@" "${version}" file "${_lg_${name}_file}")
    set(url "${base}/${version}/${file}")
  endif()
  set(dest "${_lg_deps_dir}/${name}-${version}-${_lg_arch}")
  if(EXISTS "${dest}/.sha256")
    file(READ "${dest}/.sha256" unpacked)
  endif()
  if(NOT unpacked STREQUAL hash)
    if(NOT EXISTS "${_lg_deps_dir}/${file}")
      message(STATUS "obs-live-gifts: downloading ${label} ${version}: ${url}")
      file(DOWNLOAD "${url}" "${_lg_deps_dir}/${file}" EXPECTED_HASH SHA256=${hash} STATUS status)
      list(GET status 0 code)
      if(NOT code EQUAL 0)
        file(REMOVE "${_lg_deps_dir}/${file}")
        message(FATAL_ERROR "obs-live-gifts: cannot download ${url}: ${status}")
      endif()
    endif()
    file(REMOVE_RECURSE "${dest}")
    file(ARCHIVE_EXTRACT INPUT "${_lg_deps_dir}/${file}" DESTINATION "${dest}")
    file(WRITE "${dest}/.sha256" "${hash}")
  endif()
  set(${out_dir} "${dest}" PARENT_SCOPE)
endfunction()

_lg_fetch(prebuilt _lg_prebuilt_dir)
_lg_fetch(qt6 _lg_qt6_dir)
_lg_fetch(obs-studio _lg_obs_dir)
list(PREPEND CMAKE_PREFIX_PATH "${_lg_prebuilt_dir}" "${_lg_qt6_dir}")

# libobs and obs-frontend-api from OBS's sources, built against the same obs-deps, installed into .deps/obs.
string(JSON _lg_obs_version GET "${_lg_spec}" dependencies obs-studio version)
set(_lg_obs_install "${_lg_deps_dir}/obs-${_lg_obs_version}-${_lg_arch}")
if(NOT EXISTS "${_lg_obs_install}/lib/cmake/libobs/libobsConfig.cmake"
   AND NOT EXISTS "${_lg_obs_install}/cmake/libobs/libobsConfig.cmake")
  file(GLOB _lg_obs_src LIST_DIRECTORIES true "${_lg_obs_dir}/obs-studio-*")
  set(_lg_obs_build "${_lg_obs_dir}/build")
  set(_lg_obs_args -DOBS_CMAKE_VERSION:STRING=3.0.0 -DENABLE_PLUGINS:BOOL=OFF -DENABLE_FRONTEND:BOOL=OFF
                   -DENABLE_UI:BOOL=OFF -DENABLE_SCRIPTING:BOOL=OFF -DOBS_VERSION_OVERRIDE:STRING=${_lg_obs_version}
                   "-DCMAKE_PREFIX_PATH=${_lg_prebuilt_dir}\;${_lg_qt6_dir}")
  if(APPLE)
    list(APPEND _lg_obs_args -G Xcode "-DCMAKE_OSX_ARCHITECTURES=arm64\;x86_64"
         -DCMAKE_OSX_DEPLOYMENT_TARGET=${CMAKE_OSX_DEPLOYMENT_TARGET})
  else()
    list(APPEND _lg_obs_args -G "${CMAKE_GENERATOR}" -A x64)
  endif()
  message(STATUS "obs-live-gifts: building libobs and obs-frontend-api ${_lg_obs_version} (once)")
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${_lg_obs_src}" -B "${_lg_obs_build}" ${_lg_obs_args}
                  COMMAND_ERROR_IS_FATAL ANY)
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${_lg_obs_build}" --target obs-frontend-api --config Release
                          --parallel COMMAND_ERROR_IS_FATAL ANY)
  execute_process(COMMAND "${CMAKE_COMMAND}" --install "${_lg_obs_build}" --component Development --config Release
                          --prefix "${_lg_obs_install}" COMMAND_ERROR_IS_FATAL ANY)
endif()
list(PREPEND CMAKE_PREFIX_PATH "${_lg_obs_install}")
unset(_lg_spec)

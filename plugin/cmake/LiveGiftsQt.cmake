# Pick the Qt major version of the OBS the module will load into.
#
# A plugin must use the same Qt as the OBS process that loads it: Debian 12's OBS 29 is built with Qt 5,
# upstream OBS 28+ (Windows, macOS, Flatpak) with Qt 6. LIVE_GIFTS_QT=5 or 6 forces a choice; AUTO looks
# at the `obs` executable on this machine and falls back to Qt 6 when there is none.

# LIVE_GIFTS_OBS_QT_MAJOR: the Qt major version of the `obs` on this machine (empty when there is none or it
# cannot be told); the real-OBS smoke test runs only in a build for that Qt.
set(LIVE_GIFTS_OBS_QT_MAJOR "")
find_program(LIVE_GIFTS_OBS_EXECUTABLE obs)
if(LIVE_GIFTS_OBS_EXECUTABLE AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
  execute_process(COMMAND ldd "${LIVE_GIFTS_OBS_EXECUTABLE}" OUTPUT_VARIABLE _lg_ldd ERROR_QUIET)
  if(_lg_ldd MATCHES "libQt([56])Core")
    set(LIVE_GIFTS_OBS_QT_MAJOR ${CMAKE_MATCH_1})
  endif()
endif()

set(_lg_qt "${LIVE_GIFTS_QT}")
if(_lg_qt STREQUAL "AUTO")
  set(_lg_qt 6)
  if(LIVE_GIFTS_OBS_QT_MAJOR STREQUAL "5")
    set(_lg_qt 5)
  endif()
  message(STATUS "obs-live-gifts: Qt ${_lg_qt} (auto-detected from '${LIVE_GIFTS_OBS_EXECUTABLE}')")
else()
  message(STATUS "obs-live-gifts: Qt ${_lg_qt} (forced by LIVE_GIFTS_QT)")
endif()

if(NOT _lg_qt MATCHES "^[56]$")
  message(FATAL_ERROR "LIVE_GIFTS_QT must be AUTO, 5 or 6 (got '${LIVE_GIFTS_QT}')")
endif()

# Base Qt only, what OBS ships on every platform. Qt WebSockets is not part of it on Windows and macOS, nor of
# the Flatpak runtime: nothing here uses it (the WebSocket connector and the real-OBS tests' helpers are
# websocketpp over standalone asio).
find_package(Qt${_lg_qt} REQUIRED COMPONENTS Core Gui Network)
set(LIVE_GIFTS_QT_MAJOR ${_lg_qt})

# Versionless aliases our targets link against.
foreach(_lg_comp Core Gui Network)
  if(NOT TARGET Qt${_lg_qt}::${_lg_comp})
    continue()
  endif()
  if(NOT TARGET LiveGifts::Qt${_lg_comp})
    add_library(LiveGifts::Qt${_lg_comp} INTERFACE IMPORTED)
    target_link_libraries(LiveGifts::Qt${_lg_comp} INTERFACE Qt${_lg_qt}::${_lg_comp})
  endif()
endforeach()

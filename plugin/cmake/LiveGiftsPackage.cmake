# The Debian package: `cpack -G DEB` in any Linux build folder makes obs-live-gifts_VERSION_ARCH.deb that
# installs the module into Debian's system plugin folders (/usr/lib/<multiarch>/obs-plugins and
# /usr/share/obs/obs-plugins/obs-live-gifts), whatever LIVE_GIFTS_INSTALL_LAYOUT the build was configured
# with. Its install rules belong to the component "deb", left out of a plain `cmake --install`.
if(NOT CMAKE_SYSTEM_NAME STREQUAL "Linux")
  return()
endif()

if(CMAKE_LIBRARY_ARCHITECTURE)
  set(_lg_deb_libdir "lib/${CMAKE_LIBRARY_ARCHITECTURE}")
else()
  set(_lg_deb_libdir "lib")
endif()
live_gifts_install_module(deb "${_lg_deb_libdir}/obs-plugins" "share/obs/obs-plugins/obs-live-gifts" EXCLUDE_FROM_ALL)

set(CPACK_PACKAGE_NAME "${LIVE_GIFTS_NAME}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "${LIVE_GIFTS_AUTHOR}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "TikTok LIVE gift alerts, goal bars and top supporters for OBS Studio")
set(CPACK_PACKAGE_DESCRIPTION
    "Native OBS Studio sources for TikTok LIVE creators: gift alerts, goal bars and top supporters drawn by OBS, "
    "fed by a local connector (TikFinity, TikTok-Live-Connector bridges, Euler Stream or a recording), with a "
    "tally that counts every gift exactly once across reconnects and restarts.")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_COMPONENTS_ALL deb)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_DEBIAN_PACKAGE_SECTION "video")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${LIVE_GIFTS_AUTHOR}")
# The libraries the module links (Qt, curl, SQLite, FFmpeg, OpenSSL, libwebp...) come from dpkg-shlibdeps;
# the OBS it was built against is the oldest it loads into (libobs refuses modules of a newer OBS).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(_lg_deb_obs "${libobs_VERSION}")
if(NOT _lg_deb_obs)
  set(_lg_deb_obs "${LIVE_GIFTS_OBS_VERSION_LINUX}")
endif()
string(REGEX MATCH "^[0-9]+\\.[0-9]+" _lg_deb_obs_minor "${_lg_deb_obs}")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "obs-studio (>= ${_lg_deb_obs_minor})")
include(CPack)

# FFmpeg's libavformat, libavcodec, libswresample and libavutil as the target LiveGifts::FFmpeg: pkg-config where
# it exists (Linux, Flatpak), else the headers and libraries found on CMAKE_PREFIX_PATH (obs-deps on Windows and
# macOS, the FFmpeg OBS itself ships and loads).
include_guard(GLOBAL)
add_library(LiveGifts::FFmpeg INTERFACE IMPORTED)
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(LIVE_GIFTS_FFMPEG QUIET IMPORTED_TARGET libavformat libavcodec libswresample libavutil)
endif()
if(TARGET PkgConfig::LIVE_GIFTS_FFMPEG)
  target_link_libraries(LiveGifts::FFmpeg INTERFACE PkgConfig::LIVE_GIFTS_FFMPEG)
  return()
endif()
find_path(LIVE_GIFTS_FFMPEG_INCLUDE_DIR libavformat/avformat.h REQUIRED)
target_include_directories(LiveGifts::FFmpeg INTERFACE "${LIVE_GIFTS_FFMPEG_INCLUDE_DIR}")
foreach(_lg_lib avformat avcodec swresample avutil)
  find_library(LIVE_GIFTS_FFMPEG_${_lg_lib} NAMES ${_lg_lib} REQUIRED)
  target_link_libraries(LiveGifts::FFmpeg INTERFACE "${LIVE_GIFTS_FFMPEG_${_lg_lib}}")
endforeach()

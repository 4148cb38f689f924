# buildspec.json is the one source of the module's name, display name, version and the OBS version each
# platform's package is built against (the packaging workflows read the same file). Sets LIVE_GIFTS_NAME,
# LIVE_GIFTS_DISPLAY_NAME, LIVE_GIFTS_SPEC_VERSION, LIVE_GIFTS_AUTHOR, LIVE_GIFTS_MACOS_BUNDLE_ID and
# LIVE_GIFTS_OBS_VERSION_<PLATFORM> (LINUX, WINDOWS_X64, MACOS). Runs before project(), so it uses nothing
# a project defines.
set(_lg_spec_file "${CMAKE_CURRENT_LIST_DIR}/../../buildspec.json")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_lg_spec_file}")
file(READ "${_lg_spec_file}" _lg_spec)
string(JSON LIVE_GIFTS_NAME GET "${_lg_spec}" name)
string(JSON LIVE_GIFTS_DISPLAY_NAME GET "${_lg_spec}" displayName)
string(JSON LIVE_GIFTS_SPEC_VERSION GET "${_lg_spec}" version)
string(JSON LIVE_GIFTS_AUTHOR GET "${_lg_spec}" author)
string(JSON LIVE_GIFTS_MACOS_BUNDLE_ID GET "${_lg_spec}" platformConfig macos bundleId)
foreach(_lg_platform linux windows-x64 macos)
  string(TOUPPER "${_lg_platform}" _lg_var)
  string(REPLACE "-" "_" _lg_var "${_lg_var}")
  string(JSON LIVE_GIFTS_OBS_VERSION_${_lg_var} GET "${_lg_spec}" obs ${_lg_platform})
endforeach()
if(NOT LIVE_GIFTS_SPEC_VERSION MATCHES "^[0-9]+\\.[0-9]+\\.[0-9]+$")
  message(FATAL_ERROR "buildspec.json: version \"${LIVE_GIFTS_SPEC_VERSION}\" is not MAJOR.MINOR.PATCH")
endif()
unset(_lg_spec)
unset(_lg_spec_file)

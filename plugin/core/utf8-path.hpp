#pragma once

// Paths from and to UTF-8 text, the encoding every path has in our settings, logs and OBS's own API.
// A std::filesystem::path built from a plain std::string uses the platform's narrow encoding, which on
// Windows is the ANSI code page: a user folder named in Arabic or CJK would break. Every path the project
// makes from text goes through pathFromUtf8, and every path it shows or stores goes through pathToUtf8.
// Neither uses std::u8string, so both build with -fno-char8_t.

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace livegifts {

std::filesystem::path pathFromUtf8(std::string_view text);
std::string pathToUtf8(const std::filesystem::path &path);

// std::fopen for a path: the path's own wide name on Windows (_wfopen), never its ANSI narrowing.
std::FILE *openFile(const std::filesystem::path &path, const char *mode);

} // namespace livegifts

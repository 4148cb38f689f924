#pragma once
// Files the test programs read: whole files, JSONL streams, and the repository's own demo stream.

#include <filesystem>
#include <string>
#include <vector>

namespace testsupport {

// The whole file as bytes ("" when it cannot be read).
std::string readFile(const std::filesystem::path &path);
// The file's non-empty lines (one JSON frame each in a JSONL stream).
std::vector<std::string> readLines(const std::filesystem::path &path);

// The built-in demo stream in the repository's data/demo (what the module ships), and its expected totals.
std::filesystem::path demoDir();
std::filesystem::path demoStreamPath();
std::filesystem::path demoExpectedPath();

} // namespace testsupport

#pragma once

// The recorder appends every received frame as one line to a JSONL file, so a stream can be replayed later
// or attached to a bug report. When the file would grow past its cap it is rotated: rec.jsonl becomes
// rec.1.jsonl, rec.1.jsonl becomes rec.2.jsonl, ..., and the oldest beyond keepFiles is deleted.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string_view>

#include "connect/connector.hpp"

namespace livegifts::connect {

class Recorder {
public:
	Recorder(std::filesystem::path path, std::uint64_t maxBytes, int keepFiles, Logger &logger = nullLogger());
	~Recorder();
	Recorder(const Recorder &) = delete;
	Recorder &operator=(const Recorder &) = delete;

	// Thread-safe. Line breaks inside the frame (only possible as JSON whitespace) become spaces.
	// Returns false when the file cannot be written (logged once).
	bool write(std::string_view frame);

	const std::filesystem::path &path() const { return path_; }
	// The name of rotated file number n (1 = newest): "rec.jsonl" -> "rec.1.jsonl".
	static std::filesystem::path rotatedName(const std::filesystem::path &path, int n);

private:
	bool openLocked();
	void rotateLocked();

	const std::filesystem::path path_;
	const std::uint64_t maxBytes_;
	const int keepFiles_;
	Logger &logger_;

	std::mutex mutex_;       // guards everything below; taken by whichever thread writes
	std::ofstream out_;      // the current file, opened for append
	std::uint64_t size_ = 0; // bytes in the current file
	bool failed_ = false;    // an error was logged; stay quiet until a write succeeds again
};

} // namespace livegifts::connect

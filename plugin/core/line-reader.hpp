#pragma once

// Reads a JSONL stream line by line in bounded chunks: a line longer than its limit is never held whole,
// it is skipped to its newline and reported once (its length), and the next line is read as usual.
// A file is read a whole chunk at a time; a pipe (stdin) through its file descriptor, which hands over what
// has arrived, so each complete line is returned as soon as its newline is there.
//
// Threads: one reader per stream, used by one thread.

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace livegifts {

class LineReader {
public:
	enum class Result { Line, TooLong, End };

	// `maxLineBytes`: longest line kept (without its "\n" or "\r\n"). `chunkBytes`: bytes read at a time.
	explicit LineReader(std::istream &in, std::size_t maxLineBytes, std::size_t chunkBytes = 64 * 1024);
	// Reads the open file descriptor `fd` (read(2); _read on Windows, where it should be in binary mode),
	// each read taking what is there, up to `chunkBytes`. The descriptor is not closed.
	LineReader(int fd, std::size_t maxLineBytes, std::size_t chunkBytes = 64 * 1024);

	// Line: `line` holds the next line without its end. TooLong: the next line was longer than the
	// limit and is skipped; `line` is empty and `length` says how long it was. End: nothing is left.
	Result next(std::string &line, std::uint64_t &length);
	// The number of the line last returned (1 for the first).
	std::uint64_t lineNumber() const { return lineNumber_; }

private:
	bool fill();
	bool fillFromFd();

	std::istream *in_ = nullptr;
	int fd_ = -1;
	bool fdEnded_ = false;
	std::size_t maxLineBytes_;
	std::vector<char> buffer_;
	std::size_t pos_ = 0;
	std::size_t end_ = 0;
	std::uint64_t lineNumber_ = 0;
};

} // namespace livegifts

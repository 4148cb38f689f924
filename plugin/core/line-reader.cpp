#include "core/line-reader.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

#ifdef _WIN32
#include <io.h>
#else
#include <poll.h>
#include <unistd.h>
#endif

namespace livegifts {

LineReader::LineReader(std::istream &in, std::size_t maxLineBytes, std::size_t chunkBytes)
    : in_(&in), maxLineBytes_(maxLineBytes), buffer_(std::max<std::size_t>(chunkBytes, 1))
{
}

LineReader::LineReader(int fd, std::size_t maxLineBytes, std::size_t chunkBytes)
    : fd_(fd), maxLineBytes_(maxLineBytes), buffer_(std::max<std::size_t>(chunkBytes, 1))
{
}

bool LineReader::fill()
{
	pos_ = 0;
	end_ = 0;
	if (in_ == nullptr) {
		return fillFromFd();
	}
	if (!*in_) {
		return false;
	}
	in_->read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
	end_ = static_cast<std::size_t>(in_->gcount());
	return end_ > 0;
}

// One read: it returns as soon as some bytes are there (an istream's read would wait for a whole chunk or
// the end). The end of the input, or an error, ends the reading for good, as it ends an istream's.
bool LineReader::fillFromFd()
{
	while (!fdEnded_) {
#ifdef _WIN32
		const int got =
		    _read(fd_, buffer_.data(), static_cast<unsigned>(std::min<std::size_t>(buffer_.size(), INT_MAX)));
#else
		const ssize_t got = ::read(fd_, buffer_.data(), buffer_.size());
		if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			pollfd wait{fd_, POLLIN, 0};
			::poll(&wait, 1, -1); // a descriptor left non-blocking: wait for data, then read again
			continue;
		}
#endif
		if (got > 0) {
			end_ = static_cast<std::size_t>(got);
			return true;
		}
		if (got < 0 && errno == EINTR) {
			continue;
		}
		fdEnded_ = true;
	}
	return false;
}

LineReader::Result LineReader::next(std::string &line, std::uint64_t &length)
{
	line.clear();
	length = 0;
	bool tooLong = false;
	bool any = false;
	for (;;) {
		if (pos_ == end_ && !fill()) {
			if (!any) {
				return Result::End;
			}
			break; // the last line has no newline
		}
		any = true;
		const char *start = buffer_.data() + pos_;
		const auto *newline = static_cast<const char *>(std::memchr(start, '\n', end_ - pos_));
		const std::size_t take = newline != nullptr ? static_cast<std::size_t>(newline - start) : end_ - pos_;
		length += take;
		pos_ += take;
		// A "\r" before the newline is not part of the line: allow one byte for it.
		if (!tooLong && length > maxLineBytes_ + 1) {
			tooLong = true;
			std::string().swap(line); // what was read of it goes now
		}
		if (!tooLong) {
			line.append(start, take);
		}
		if (newline != nullptr) {
			++pos_;
			break;
		}
	}
	++lineNumber_;
	if (!tooLong && !line.empty() && line.back() == '\r') {
		line.pop_back();
		--length;
	}
	if (tooLong || line.size() > maxLineBytes_) {
		std::string().swap(line);
		return Result::TooLong;
	}
	return Result::Line;
}

} // namespace livegifts

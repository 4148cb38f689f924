#include "connect/recorder.hpp"

#include "core/private-files.hpp"
#include "core/utf8-path.hpp"

#include <string>
#include <system_error>
#include <utility>

namespace livegifts::connect {

namespace fs = std::filesystem;

Recorder::Recorder(fs::path path, std::uint64_t maxBytes, int keepFiles, Logger &logger)
    : path_(std::move(path)), maxBytes_(maxBytes > 0 ? maxBytes : 1), keepFiles_(keepFiles > 0 ? keepFiles : 0),
      logger_(logger)
{
}

Recorder::~Recorder() = default;

fs::path Recorder::rotatedName(const fs::path &path, int n)
{
	fs::path rotated = path;
	rotated.replace_filename(
	    pathFromUtf8(pathToUtf8(path.stem()) + "." + std::to_string(n) + pathToUtf8(path.extension())));
	return rotated;
}

bool Recorder::openLocked()
{
	if (out_.is_open()) {
		return true;
	}
	// A recording holds the stream's messages: the file (0600) and the folders made for it (0700) are the
	// user's alone; a folder that was there already (one the user chose) is left as it is.
	std::string error;
	if (path_.has_parent_path() && !makePrivateFolders(path_.parent_path(), ExistingFolder::Keep, error)) {
		return false;
	}
	if (!preparePrivateFile(path_, error)) {
		return false;
	}
	out_.open(path_, std::ios::binary | std::ios::app);
	if (!out_) {
		return false;
	}
	std::error_code ec;
	const auto existing = fs::file_size(path_, ec);
	size_ = ec ? 0 : existing;
	return true;
}

void Recorder::rotateLocked()
{
	out_.close();
	std::error_code ec;
	if (keepFiles_ == 0) {
		fs::remove(path_, ec);
	} else {
		fs::remove(rotatedName(path_, keepFiles_), ec);
		for (int n = keepFiles_ - 1; n >= 1; --n) {
			const fs::path from = rotatedName(path_, n);
			if (fs::exists(from, ec)) {
				fs::rename(from, rotatedName(path_, n + 1), ec);
			}
		}
		fs::rename(path_, rotatedName(path_, 1), ec);
	}
	size_ = 0;
}

bool Recorder::write(std::string_view frame)
{
	std::string line(frame);
	for (char &c : line) {
		if (c == '\n' || c == '\r') {
			c = ' ';
		}
	}
	line.push_back('\n');

	std::lock_guard<std::mutex> lock(mutex_);
	if (size_ > 0 && size_ + line.size() > maxBytes_) {
		rotateLocked();
	}
	if (!openLocked()) {
		if (!failed_) {
			logger_.log(LogLevel::Warning, "Recorder: cannot open " + pathToUtf8(path_) + " for writing");
			failed_ = true;
		}
		return false;
	}
	out_.write(line.data(), static_cast<std::streamsize>(line.size()));
	out_.flush();
	if (!out_) {
		if (!failed_) {
			logger_.log(LogLevel::Warning, "Recorder: writing to " + pathToUtf8(path_) + " failed");
			failed_ = true;
		}
		out_.close();
		return false;
	}
	failed_ = false;
	size_ += line.size();
	return true;
}

} // namespace livegifts::connect

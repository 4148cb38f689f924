#pragma once

// An advisory lock on a file, held while the object lives: one process at a time holds the lock of a name
// (another process, or another FileLock of the same name in this one, is refused at once, never waited for).
// The ledger takes "<ledger>.lock" so that only one program writes it: each writes the totals it counted, so
// two writers would overwrite each other's. The lock file (empty, 0600) stays; the lock goes with the process,
// also when it is killed.

#include <memory>
#include <string>

namespace livegifts {

class FileLock {
public:
	enum class Result { Held, HeldElsewhere, Failed };

	// Takes the lock of `path` (created when missing). `lock` is set when Held; `error` says why otherwise.
	static Result take(const std::string &path, std::unique_ptr<FileLock> &lock, std::string &error);

	~FileLock();
	FileLock(const FileLock &) = delete;
	FileLock &operator=(const FileLock &) = delete;

private:
#ifdef _WIN32
	explicit FileLock(void *handle) : handle_(handle) {}
	void *handle_;
#else
	explicit FileLock(int fd) : fd_(fd) {}
	int fd_;
#endif
};

} // namespace livegifts

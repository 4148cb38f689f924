#include "core/file-lock.hpp"

#include "core/utf8-path.hpp"

#ifdef _WIN32
#include <windows.h>
#else
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

namespace livegifts {

#ifdef _WIN32

FileLock::Result FileLock::take(const std::string &path, std::unique_ptr<FileLock> &lock, std::string &error)
{
	const std::filesystem::path file = pathFromUtf8(path);
	HANDLE handle = ::CreateFileW(file.c_str(), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
				      nullptr, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
	if (handle == INVALID_HANDLE_VALUE) {
		error = "cannot open the lock file " + path + " (error " + std::to_string(::GetLastError()) + ")";
		return Result::Failed;
	}
	OVERLAPPED at = {};
	if (!::LockFileEx(handle, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &at)) {
		const DWORD code = ::GetLastError();
		::CloseHandle(handle);
		if (code == ERROR_LOCK_VIOLATION || code == ERROR_IO_PENDING) {
			error = "another program holds " + path;
			return Result::HeldElsewhere;
		}
		error = "cannot lock " + path + " (error " + std::to_string(code) + ")";
		return Result::Failed;
	}
	lock.reset(new FileLock(handle));
	return Result::Held;
}

FileLock::~FileLock()
{
	::CloseHandle(static_cast<HANDLE>(handle_)); // releases the lock
}

#else

FileLock::Result FileLock::take(const std::string &path, std::unique_ptr<FileLock> &lock, std::string &error)
{
	const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		error = "cannot open the lock file " + path + ": " + std::strerror(errno);
		return Result::Failed;
	}
	// flock, not fcntl: its lock belongs to this open file, so a second FileLock in this process is refused
	// too, and SQLite's own fcntl locks on the ledger are not touched.
	if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
		const int code = errno;
		::close(fd);
		if (code == EWOULDBLOCK) {
			error = "another program holds " + path;
			return Result::HeldElsewhere;
		}
		error = "cannot lock " + path + ": " + std::strerror(code);
		return Result::Failed;
	}
	lock.reset(new FileLock(fd));
	return Result::Held;
}

FileLock::~FileLock()
{
	::close(fd_); // releases the lock
}

#endif

} // namespace livegifts

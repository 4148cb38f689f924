#include "core/private-files.hpp"

#include "core/utf8-path.hpp"

#include <cstdio>
#include <system_error>
#include <vector>

#ifndef _WIN32
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace livegifts {

namespace fs = std::filesystem;

#ifndef _WIN32
namespace {

constexpr mode_t kFileMode = S_IRUSR | S_IWUSR;
constexpr mode_t kFolderMode = S_IRWXU;

std::string reason(const char *what, const fs::path &path)
{
	return std::string(what) + " " + pathToUtf8(path) + ": " + std::strerror(errno);
}

} // namespace

bool makePrivateFolders(const fs::path &folder, ExistingFolder existing, std::string &error)
{
	if (folder.empty()) {
		return true;
	}
	// The missing ones, innermost last.
	std::vector<fs::path> missing;
	std::error_code ec;
	for (fs::path at = folder; !at.empty() && !fs::exists(at, ec); at = at.parent_path()) {
		missing.push_back(at);
		if (at == at.parent_path()) {
			break;
		}
	}
	for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
		if (::mkdir(it->c_str(), kFolderMode) != 0) {
			if (errno == EEXIST) {
				continue; // made meanwhile by someone else: theirs
			}
			error = reason("cannot create the folder", *it);
			return false;
		}
		// The umask may have taken bits away; no more than 0700 either way.
		if (::chmod(it->c_str(), kFolderMode) != 0) {
			error = reason("cannot make the folder private:", *it);
			return false;
		}
	}
	if (existing == ExistingFolder::Restrict && missing.empty()) {
		struct stat info = {};
		if (::stat(folder.c_str(), &info) != 0) {
			error = reason("cannot read the folder", folder);
			return false;
		}
		if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0 && ::chmod(folder.c_str(), kFolderMode) != 0) {
			error = reason("cannot make the folder private:", folder);
			return false;
		}
	}
	return true;
}

bool preparePrivateFile(const fs::path &file, std::string &error)
{
	const int fd = ::open(file.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, kFileMode);
	if (fd < 0) {
		error = reason("cannot open", file);
		return false;
	}
	struct stat info = {};
	bool ok = ::fstat(fd, &info) == 0;
	if (ok && (info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		ok = ::fchmod(fd, info.st_mode & kFileMode) == 0;
	}
	if (!ok) {
		error = reason("cannot make private:", file);
	}
	::close(fd);
	return ok;
}

bool restrictFile(const fs::path &file, std::string &error)
{
	struct stat info = {};
	if (::lstat(file.c_str(), &info) != 0) {
		return errno == ENOENT;
	}
	if (!S_ISREG(info.st_mode) || (info.st_mode & (S_IRWXG | S_IRWXO)) == 0) {
		return true;
	}
	if (::chmod(file.c_str(), info.st_mode & kFileMode) != 0) {
		error = reason("cannot make private:", file);
		return false;
	}
	return true;
}

bool shareOwnerAccess(const fs::path &file, const fs::path &like, std::string &error)
{
	struct stat info = {};
	struct stat model = {};
	if (::lstat(file.c_str(), &info) != 0 || ::stat(like.c_str(), &model) != 0) {
		return true; // nothing to align
	}
	const mode_t wanted = model.st_mode & (S_IRUSR | S_IWUSR);
	if (!S_ISREG(info.st_mode) || info.st_uid != ::geteuid() || (info.st_mode & wanted) == wanted) {
		return true;
	}
	if (::chmod(file.c_str(), (info.st_mode | wanted) & kFileMode) != 0) {
		error = reason("cannot make writable again:", file);
		return false;
	}
	return true;
}

#else

bool makePrivateFolders(const fs::path &folder, ExistingFolder, std::string &error)
{
	std::error_code ec;
	fs::create_directories(folder, ec);
	if (ec) {
		error = "cannot create the folder " + pathToUtf8(folder) + ": " + ec.message();
		return false;
	}
	return true;
}

bool preparePrivateFile(const fs::path &file, std::string &error)
{
	std::error_code ec;
	if (fs::exists(file, ec)) {
		return true;
	}
	std::FILE *created = _wfopen(file.c_str(), L"ab");
	if (created == nullptr) {
		error = "cannot create " + pathToUtf8(file);
		return false;
	}
	std::fclose(created);
	return true;
}

bool restrictFile(const fs::path &, std::string &)
{
	return true;
}

bool shareOwnerAccess(const fs::path &, const fs::path &, std::string &)
{
	return true;
}

#endif

} // namespace livegifts

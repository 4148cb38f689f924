// The image fetcher's files: pictures on this computer (a gift rule's) and the on-disk cache of downloads,
// which is the user's alone (0600 files in a 0700 folder).
#include "connect/image-fetcher.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <system_error>

#include "core/private-files.hpp"
#include "core/utf8-path.hpp"

namespace livegifts::connect {

namespace fs = std::filesystem;

namespace {

std::uint64_t fnv1a(const std::string &text)
{
	std::uint64_t hash = 1469598103934665603ull;
	for (const unsigned char c : text) {
		hash ^= c;
		hash *= 1099511628211ull;
	}
	return hash;
}

bool hasFileScheme(const std::string &url)
{
	static constexpr std::string_view scheme = "file://";
	return url.size() >= scheme.size() &&
	       std::equal(scheme.begin(), scheme.end(), url.begin(),
			  [](char want, char got) { return want == std::tolower(static_cast<unsigned char>(got)); });
}

} // namespace

fs::path ImageFetcher::cachePath(const std::string &url) const
{
	char name[32];
	std::snprintf(name, sizeof(name), "%016llx.img", static_cast<unsigned long long>(fnv1a(url)));
	return settings_.cacheDir / name;
}

bool isLocalPicture(const std::string &url)
{
	if (url.empty()) {
		return false;
	}
	if (url.front() == '/' || hasFileScheme(url)) {
		return true;
	}
	// A Windows path: "C:/..." or "C:\..."
	return url.size() > 2 && std::isalpha(static_cast<unsigned char>(url[0])) != 0 && url[1] == ':' &&
	       (url[2] == '/' || url[2] == '\\');
}

bool ImageFetcher::readLocalPicture(const std::string &url, std::vector<std::uint8_t> &body, std::string &error)
{
	const fs::path path = pathFromUtf8(hasFileScheme(url) ? url.substr(7) : url);
	std::error_code ec;
	const auto size = fs::file_size(path, ec);
	if (ec) {
		error = "cannot read the picture file: " + ec.message();
		return false;
	}
	if (size == 0 || size > settings_.maxBodyBytes) {
		error = "the picture file is empty or too large";
		return false;
	}
	std::ifstream in(path, std::ios::binary);
	body.resize(static_cast<std::size_t>(size));
	in.read(reinterpret_cast<char *>(body.data()), static_cast<std::streamsize>(size));
	if (!in) {
		error = "cannot read the picture file";
		return false;
	}
	return true;
}

bool ImageFetcher::loadFromDisk(const std::string &url, std::vector<std::uint8_t> &body)
{
	const fs::path path = cachePath(url);
	std::ifstream in(path, std::ios::binary);
	if (!in) {
		return false;
	}
	std::string modeError;
	restrictFile(path, modeError); // an older version's cache file readable by others: tightened
	std::error_code ec;
	const auto size = fs::file_size(path, ec);
	if (ec || size == 0 || size > settings_.maxBodyBytes) {
		return false;
	}
	body.resize(static_cast<std::size_t>(size));
	in.read(reinterpret_cast<char *>(body.data()), static_cast<std::streamsize>(size));
	if (!in) {
		return false;
	}
	fs::last_write_time(path, fs::file_time_type::clock::now(), ec); // recently used
	return true;
}

void ImageFetcher::storeOnDisk(const std::string &url, const std::vector<std::uint8_t> &body)
{
	const fs::path path = cachePath(url);
	fs::path temporary = path;
	temporary += ".part";
	std::string privateError;
	if (!preparePrivateFile(temporary, privateError)) {
		return;
	}
	{
		std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
		out.write(reinterpret_cast<const char *>(body.data()), static_cast<std::streamsize>(body.size()));
		if (!out) {
			std::error_code ec;
			fs::remove(temporary, ec);
			return;
		}
	}
	std::error_code ec;
	fs::rename(temporary, path, ec);
	if (ec) {
		fs::remove(temporary, ec);
		return;
	}

	// Keep the folder under its cap: drop the least recently used files.
	struct File {
		fs::path path;
		fs::file_time_type time;
		std::uint64_t size;
	};
	std::vector<File> files;
	std::uint64_t total = 0;
	for (const auto &item : fs::directory_iterator(settings_.cacheDir, ec)) {
		if (item.path().extension() != ".img") {
			continue;
		}
		std::error_code itemError;
		const auto size = item.file_size(itemError);
		const auto time = item.last_write_time(itemError);
		if (!itemError) {
			files.push_back({item.path(), time, size});
			total += size;
		}
	}
	if (total <= settings_.cacheMaxBytes) {
		return;
	}
	std::sort(files.begin(), files.end(), [](const File &a, const File &b) { return a.time < b.time; });
	for (const File &file : files) {
		if (total <= settings_.cacheMaxBytes) {
			break;
		}
		if (file.path == path) {
			continue;
		}
		fs::remove(file.path, ec);
		total -= file.size;
	}
}

} // namespace livegifts::connect

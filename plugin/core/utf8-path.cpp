#include "core/utf8-path.hpp"

#ifdef _WIN32
#include <windows.h>
#endif

namespace livegifts {

#ifdef _WIN32

std::filesystem::path pathFromUtf8(std::string_view text)
{
	if (text.empty()) {
		return {};
	}
	const int size = MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0);
	std::wstring wide(static_cast<size_t>(size), L'\0');
	MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), wide.data(), size);
	return std::filesystem::path(wide);
}

std::string pathToUtf8(const std::filesystem::path &path)
{
	const std::wstring &wide = path.native();
	if (wide.empty()) {
		return {};
	}
	const int size =
	    WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()), nullptr, 0, nullptr, nullptr);
	std::string text(static_cast<size_t>(size), '\0');
	WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()), text.data(), size, nullptr,
			    nullptr);
	return text;
}

std::FILE *openFile(const std::filesystem::path &path, const char *mode)
{
	std::wstring wideMode;
	for (const char *c = mode; *c != '\0'; ++c) {
		wideMode += static_cast<wchar_t>(*c);
	}
	return _wfopen(path.c_str(), wideMode.c_str());
}

#else

// Elsewhere a path is bytes and the bytes are UTF-8 already.
std::filesystem::path pathFromUtf8(std::string_view text)
{
	return std::filesystem::path(std::string(text));
}

std::string pathToUtf8(const std::filesystem::path &path)
{
	return path.native();
}

std::FILE *openFile(const std::filesystem::path &path, const char *mode)
{
	return std::fopen(path.c_str(), mode);
}

#endif

} // namespace livegifts

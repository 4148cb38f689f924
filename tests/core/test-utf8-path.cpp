// Paths from UTF-8 text: a folder and a file named in Arabic, CJK and emoji round-trip through pathFromUtf8 and
// pathToUtf8, and openFile writes and appends to them under their own names (on Windows a narrow std::string
// would go through the ANSI code page and break such names).
#include <catch2/catch.hpp>

#include "core/utf8-path.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <unistd.h>

using namespace livegifts;

TEST_CASE("UTF-8 paths round-trip and open under their own names", "[utf8-path]")
{
	const std::string folderName =
	    "live-gifts-paths-" + std::to_string(::getpid()) + "-مرحبا-你好-👩🏽‍💻";
	const std::filesystem::path folder = std::filesystem::temp_directory_path() / pathFromUtf8(folderName);
	std::filesystem::remove_all(folder);
	REQUIRE(std::filesystem::create_directories(folder));

	const std::string fileName = "ledger-ライブ.journal";
	const std::filesystem::path file = folder / pathFromUtf8(fileName);
	CHECK(pathToUtf8(file.filename()) == fileName);
	CHECK(pathToUtf8(folder.filename()) == folderName);
	CHECK(pathFromUtf8(pathToUtf8(file)) == file);
	CHECK(pathFromUtf8("").empty());

	for (const char *line : {"first\n", "second\n"}) {
		std::FILE *out = openFile(file, "ab");
		REQUIRE(out != nullptr);
		CHECK(std::fputs(line, out) >= 0);
		CHECK(std::fclose(out) == 0);
	}
	std::ifstream in(file, std::ios::binary);
	const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	CHECK(text == "first\nsecond\n");

	bool listed = false;
	for (const auto &entry : std::filesystem::directory_iterator(folder)) {
		listed = listed || pathToUtf8(entry.path().filename()) == fileName;
	}
	CHECK(listed);
	CHECK(openFile(folder / pathFromUtf8("missing-فارغ") / "x", "rb") == nullptr);
	std::filesystem::remove_all(folder);
}

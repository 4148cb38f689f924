// The main of a fuzz target in builds without libFuzzer: runs the target once on each file named, and on each
// file in each folder named (the regression inputs and the seed corpus). Arguments that start with '-' are
// libFuzzer's and are ignored, so ctest calls both kinds of build alike.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include "fuzz-support.hpp"

namespace fs = std::filesystem;

namespace {

int runFile(const fs::path &file)
{
	std::ifstream in(file, std::ios::binary);
	if (!in) {
		std::fprintf(stderr, "cannot read %s\n", file.string().c_str());
		return 1;
	}
	const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
	return 0;
}

} // namespace

int main(int argc, char **argv)
{
	int failures = 0;
	int inputs = 0;
	for (int i = 1; i < argc; ++i) {
		const std::string arg = argv[i];
		if (arg.empty() || arg[0] == '-') {
			continue;
		}
		std::error_code ec;
		if (fs::is_directory(arg, ec)) {
			for (const auto &entry : fs::directory_iterator(arg)) {
				if (entry.is_regular_file()) {
					failures += runFile(entry.path());
					++inputs;
				}
			}
		} else {
			failures += runFile(arg);
			++inputs;
		}
	}
	std::printf("%d inputs run\n", inputs);
	return failures == 0 ? 0 : 1;
}

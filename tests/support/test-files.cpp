#include "test-files.hpp"

#include <fstream>
#include <sstream>

namespace testsupport {

std::string readFile(const std::filesystem::path &path)
{
	std::ifstream in(path, std::ios::binary);
	std::ostringstream out;
	out << in.rdbuf();
	return out.str();
}

std::vector<std::string> readLines(const std::filesystem::path &path)
{
	std::ifstream in(path, std::ios::binary);
	std::vector<std::string> lines;
	std::string line;
	while (std::getline(in, line)) {
		if (!line.empty()) {
			lines.push_back(line);
		}
	}
	return lines;
}

std::filesystem::path demoDir()
{
	return std::filesystem::path(LIVE_GIFTS_SOURCE_DIR) / "data" / "demo";
}

std::filesystem::path demoStreamPath()
{
	return demoDir() / "demo-stream.jsonl";
}

std::filesystem::path demoExpectedPath()
{
	return demoDir() / "demo-stream.expected.json";
}

} // namespace testsupport

#pragma once

// Frames an adversary sends, shared by the hostile-input tests and the memory benchmark.

#include <cstddef>
#include <string>

namespace testing {

// {"messages":[{"messages":[...]}]} with nothing else, about `bytes` long: the deepest frame for its size.
inline std::string bareNestedBundles(std::size_t bytes)
{
	const std::string open = R"({"messages":[)";
	const std::size_t levels = bytes / (open.size() + 2);
	std::string frame;
	frame.reserve(levels * (open.size() + 2));
	for (std::size_t i = 0; i < levels; ++i) {
		frame += open;
	}
	for (std::size_t i = 0; i < levels; ++i) {
		frame += "]}";
	}
	return frame;
}

} // namespace testing

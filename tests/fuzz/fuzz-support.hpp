#pragma once

// What the fuzz targets share: a check that stops the run with a message (assert() is gone in release
// builds) and the libFuzzer entry point every target defines.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace livegifts::fuzz {

// A broken promise of the code under test: libFuzzer keeps the input as a crash.
[[noreturn]] inline void fail(const char *what)
{
	std::fprintf(stderr, "fuzz: %s\n", what);
	std::fflush(stderr);
	std::abort();
}

inline void check(bool condition, const char *what)
{
	if (!condition) {
		fail(what);
	}
}

} // namespace livegifts::fuzz

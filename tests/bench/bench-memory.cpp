// live-gifts memory benchmark: prints the process's RSS before, at its peak and after hostile input
// (a 4 MB frame of nested bundles, a 4 MB bundle of 40,000 gifts, a 15 MB line replayed from a JSONL
// file the way `live-gifts replay` reads it). Prints figures; passes or fails nothing.
// Usage: live_gifts_memory_bench [--quick]   (--quick: smaller inputs, for the smoke test)
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <unistd.h>

#include "core/engine.hpp"
#include "core/line-reader.hpp"
#include "core/normalize.hpp"
#include "hostile-frames.hpp"

using namespace livegifts;

namespace {

// A field of /proc/self/status in MiB ("VmRSS", "VmHWM").
double statusMiB(const char *field)
{
	std::ifstream in("/proc/self/status");
	std::string line;
	const std::size_t length = std::strlen(field);
	while (std::getline(in, line)) {
		if (line.compare(0, length, field) == 0 && line.size() > length && line[length] == ':') {
			return std::stod(line.substr(length + 1)) / 1024.0;
		}
	}
	return -1;
}

// Starts a new peak (VmHWM) from the current RSS (Linux 4.0+).
void resetPeak()
{
	std::ofstream clear("/proc/self/clear_refs");
	clear << "5";
}

std::string gift(std::size_t n)
{
	const std::string id = std::to_string(n);
	return R"({"event":"gift","data":{"msgId":"h)" + id + R"(","uniqueId":"u)" + id + R"(","nickname":"Nick )" +
	       id + R"(","profilePictureUrl":"https://a/u.jpg","giftId":5655,"giftName":"Rose","diamondCount":1,)" +
	       R"("giftType":1,"repeatCount":1,"repeatEnd":true,"groupId":"g1"}})";
}

// Bundles in bundles, a gift at every level: {"messages":[gift,{"messages":[gift,...]}]}, `bytes` long.
std::string nestedBundles(std::size_t bytes)
{
	std::string head;
	std::size_t levels = 0;
	while (head.size() + 3 * levels < bytes) {
		head += R"({"messages":[)" + gift(levels) + ",";
		++levels;
	}
	head.pop_back();
	head.reserve(head.size() + 2 * levels);
	for (std::size_t i = 0; i < levels; ++i) {
		head += "]}";
	}
	return head;
}

// One bundle of gifts, `bytes` long.
std::string wideBundle(std::size_t bytes)
{
	std::string frame = R"({"messages":[)";
	for (std::size_t n = 0; frame.size() < bytes; ++n) {
		frame += gift(1000000 + n) + ",";
	}
	frame.back() = ']';
	frame += "}";
	return frame;
}

struct Figures {
	double before = 0;
	double peak = 0;
	double after = 0;
};

void print(const char *what, std::size_t bytes, const Figures &f)
{
	std::printf(
	    "%-44s %6.1f MB: RSS before %7.1f MiB, peak %7.1f MiB, after %7.1f MiB (after - before %+7.1f MiB)\n", what,
	    static_cast<double>(bytes) / 1e6, f.before, f.peak, f.after, f.after - f.before);
	std::fflush(stdout);
}

// A warmed engine, then one frame handed over as a connector does.
Figures oneFrame(std::string frame)
{
	Engine engine;
	for (int i = 0; i < 100; ++i) {
		engine.submitFrame(gift(9000000 + static_cast<std::size_t>(i)));
	}
	engine.flush();
	Figures f;
	f.before = statusMiB("VmRSS");
	resetPeak();
	engine.submitFrame(std::move(frame));
	engine.flush();
	engine.submitFrame(gift(9999999)); // the stream goes on
	engine.flush();
	f.peak = statusMiB("VmHWM");
	f.after = statusMiB("VmRSS");
	return f;
}

// The same frame read on a connector's thread (its own FrameParser) and handed over parsed.
Figures oneParsedFrame(std::string frame)
{
	Engine engine;
	engine.submitFrame(gift(9100000));
	engine.flush();
	Figures f;
	f.before = statusMiB("VmRSS");
	resetPeak();
	FrameParser parser; // a connector's, kept for its connection's life
	std::thread connector([&] {
		engine.submitParsed(parser.parse(frame));
		std::string().swap(frame);
	});
	connector.join();
	engine.flush();
	f.peak = statusMiB("VmHWM");
	f.after = statusMiB("VmRSS");
	return f;
}

// A JSONL file holding `line` between two ordinary lines, read as `live-gifts replay` reads it.
Figures replayLine(const std::filesystem::path &file)
{
	Engine engine;
	engine.submitFrame(gift(8000000));
	engine.flush();
	Figures f;
	f.before = statusMiB("VmRSS");
	resetPeak();
	std::ifstream in(file, std::ios::binary);
	LineReader reader(in, EngineOptions{}.maxFrameBytes);
	std::string line;
	std::uint64_t length = 0;
	for (LineReader::Result r = reader.next(line, length); r != LineReader::Result::End;
	     r = reader.next(line, length)) {
		if (r == LineReader::Result::Line) {
			engine.submitFrame(std::move(line), reader.lineNumber());
			line = std::string();
		}
	}
	engine.flush();
	f.peak = statusMiB("VmHWM");
	f.after = statusMiB("VmRSS");
	return f;
}

} // namespace

int main(int argc, char **argv)
{
	const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
	const std::size_t frameBytes = quick ? 400 * 1000 : 4100 * 1000;
	const std::size_t lineBytes = quick ? 1500 * 1000 : 15 * 1000 * 1000;

	std::printf("RSS at start: %.1f MiB\n", statusMiB("VmRSS"));
	std::string nested = nestedBundles(frameBytes);
	const std::size_t nestedSize = nested.size();
	print("one frame of nested bundles", nestedSize, oneFrame(std::move(nested)));
	std::string bare = testing::bareNestedBundles(frameBytes);
	const std::size_t bareSize = bare.size();
	print("one frame of bare nested bundles", bareSize, oneFrame(std::move(bare)));
	std::string parsed = testing::bareNestedBundles(frameBytes);
	const std::size_t parsedSize = parsed.size();
	print("the same, parsed on a connector thread", parsedSize, oneParsedFrame(std::move(parsed)));
	std::string wide = wideBundle(frameBytes);
	const std::size_t wideSize = wide.size();
	print("one bundle of many gifts", wideSize, oneFrame(std::move(wide)));

	const auto file =
	    std::filesystem::temp_directory_path() / ("live-gifts-bench-" + std::to_string(getpid()) + ".jsonl");
	std::size_t longSize = 0;
	{
		std::ofstream out(file, std::ios::binary);
		std::string longLine = testing::bareNestedBundles(lineBytes);
		longSize = longLine.size();
		out << gift(7000000) << "\n" << longLine << "\n" << gift(7000001) << "\n";
	}
	print("replayed JSONL line of bare nested bundles", longSize, replayLine(file));
	std::filesystem::remove(file);
	std::printf("RSS at end: %.1f MiB\n", statusMiB("VmRSS"));
	return 0;
}

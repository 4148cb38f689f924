#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/event.hpp"
#include "core/normalize.hpp"
#include "test-files.hpp"

namespace testsupport {

inline std::filesystem::path dataDir()
{
	return std::filesystem::path(LIVE_GIFTS_TEST_DATA);
}

// Parses one frame, returning its events (and the result through `result`).
inline std::vector<livegifts::Event> parseFrame(const std::string &frame, livegifts::ParseResult *result = nullptr)
{
	livegifts::FrameParser parser;
	std::vector<livegifts::Event> events;
	auto r = parser.parse(frame, events);
	if (result != nullptr) {
		*result = r;
	}
	return events;
}

// A unique empty directory under the system temp dir, removed by the destructor.
class TempDir {
public:
	TempDir()
	{
		static int counter = 0;
		path_ = std::filesystem::temp_directory_path() /
			("live-gifts-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
		std::filesystem::remove_all(path_);
		std::filesystem::create_directories(path_);
	}
	~TempDir()
	{
		std::error_code ec;
		std::filesystem::remove_all(path_, ec);
	}
	TempDir(const TempDir &) = delete;
	TempDir &operator=(const TempDir &) = delete;
	const std::filesystem::path &path() const { return path_; }
	std::string file(const std::string &name) const { return (path_ / name).string(); }

private:
	std::filesystem::path path_;
};

// Builders of small frames in the TLC 1.x flat shape.
inline std::string flatGift(const std::string &msgId, const std::string &user, long long giftId, long long diamonds,
			    int giftType, long long repeatCount, bool repeatEnd, const std::string &groupId = "g1",
			    long long createTime = 0)
{
	std::string frame =
	    R"({"event":"gift","data":{"msgId":")" + msgId + R"(","uniqueId":")" + user + R"(","nickname":"Nick )" +
	    user + R"(","profilePictureUrl":"https://a/)" + user + R"(.jpg","giftId":)" + std::to_string(giftId) +
	    R"(,"giftName":"Gift)" + std::to_string(giftId) + R"(","diamondCount":)" + std::to_string(diamonds) +
	    R"(,"giftType":)" + std::to_string(giftType) + R"(,"repeatCount":)" + std::to_string(repeatCount) +
	    R"(,"repeatEnd":)" + (repeatEnd ? "true" : "false") + R"(,"groupId":")" + groupId + R"(")";
	if (createTime != 0) {
		frame += R"(,"createTime":")" + std::to_string(createTime) + R"(")";
	}
	frame += "}}";
	return frame;
}

inline std::string simple(const std::string &event, const std::string &msgId, const std::string &user,
			  const std::string &extra = "")
{
	std::string frame = R"({"event":")" + event + R"(","data":{"msgId":")" + msgId + R"(","uniqueId":")" + user +
			    R"(","nickname":"N)" + user + R"(")";
	if (!extra.empty()) {
		frame += "," + extra;
	}
	frame += "}}";
	return frame;
}

// The non-empty lines of a recording in tests/data/wire.
inline std::vector<std::string> wireLines(const std::string &name)
{
	std::vector<std::string> out;
	std::istringstream in(readFile(dataDir() / "wire" / name));
	for (std::string line; std::getline(in, line);) {
		if (!line.empty()) {
			out.push_back(line);
		}
	}
	return out;
}

// Parses `frame` and applies each of its events to `tally` (a Tally) at time `now`. False when the frame had
// errors (nothing applied then).
template <typename Counter>
bool feedFrame(Counter &tally, const std::string &frame, std::int64_t now = 0)
{
	livegifts::FrameParser parser;
	std::vector<livegifts::Event> events;
	if (!parser.parse(frame, events).errors.empty()) {
		return false;
	}
	for (const livegifts::Event &event : events) {
		tally.apply(event, now);
	}
	return true;
}

} // namespace testsupport

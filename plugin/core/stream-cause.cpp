#include "core/stream-cause.hpp"

#include <array>
#include <utility>

namespace livegifts {

namespace {

constexpr std::array<std::pair<StreamCause, std::string_view>, 8> causeNames{{
    {StreamCause::None, ""},
    {StreamCause::FirstEvent, "first_event"},
    {StreamCause::NewRoom, "new_room"},
    {StreamCause::Silence, "silence"},
    {StreamCause::StreamEnd, "stream_end"},
    {StreamCause::Manual, "manual"},
    {StreamCause::Reset, "reset"},
    {StreamCause::ResetAll, "reset_all"},
}};

} // namespace

std::string_view streamCauseName(StreamCause cause)
{
	for (const auto &[value, name] : causeNames) {
		if (value == cause) {
			return name;
		}
	}
	return {};
}

StreamCause streamCauseFromName(std::string_view name)
{
	for (const auto &[value, text] : causeNames) {
		if (text == name) {
			return value;
		}
	}
	return StreamCause::None;
}

} // namespace livegifts

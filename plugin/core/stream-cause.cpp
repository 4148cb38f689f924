#include "core/stream-cause.hpp"

#include "core/name-table.hpp"

namespace livegifts {

namespace {

constexpr NameTable<StreamCause, 8> causeNames{{
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
	return nameOf(causeNames, cause);
}

StreamCause streamCauseFromName(std::string_view name)
{
	StreamCause cause = StreamCause::None;
	valueOf(causeNames, name, cause);
	return cause;
}

} // namespace livegifts

#pragma once

// Stream boundaries: why a stream started or ended, as the ledger, the spill file and the summary JSON
// name it.

#include <cstdint>
#include <string>
#include <string_view>

namespace livegifts {

enum class StreamCause {
	None,       // not known (a stream of a ledger older than the causes; an open stream's end)
	FirstEvent, // started: the first counted event while no stream was open
	NewRoom,    // a message named another room id than the open stream's
	Silence,    // the same room after more than the silence threshold without any event
	StreamEnd,  // ended: a streamEnd message (or a control message that ends the stream)
	Manual,     // "start a new stream" / "end the stream" by hand
	Reset,      // the stream reset (its totals restart in a new stream)
	ResetAll,   // the "reset all" (a new all-time epoch and a new stream)
};

// "", "first_event", "new_room", "silence", "stream_end", "manual", "reset", "reset_all".
std::string_view streamCauseName(StreamCause cause);
// The cause a name stands for; None for "" and unknown names.
StreamCause streamCauseFromName(std::string_view name);

// A stream as the ledger keeps its boundaries: its room and why it started and ended (None while open).
struct StreamRecord {
	std::int64_t id = 0;
	std::string roomId;
	StreamCause startedBy = StreamCause::None;
	StreamCause endedBy = StreamCause::None;
};

} // namespace livegifts

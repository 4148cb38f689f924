#pragma once

// From one collected message record to an Event: the kind from its wire name, the sender, and the fields
// and checks of each kind (a gift needs a giftId, a sender and a unit price; a like a count; ...).

#include <string>
#include <string_view>

#include "core/event.hpp"
#include "core/raw-value.hpp"

namespace livegifts::detail {

enum class MappingResult {
	Event,   // `event` is filled
	Nothing, // not a message: the outer object of a bundle
	Error,   // `error` says why the message was dropped
};

// A gift's recipient and the room's host as the record names them (recipient-mapping.cpp).
void mapRecipient(Record &record, Event &event);

// The integer after `"key":` in a JSON text such as TLC 2.x's monitorExtra (quoted or not), as decimal text;
// empty when absent or none (0, -1, negative).
std::string numberAfter(std::string_view text, std::string_view key);

MappingResult mapRecord(Record &record, Event &event, std::string &error);

} // namespace livegifts::detail

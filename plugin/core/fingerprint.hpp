#pragma once

// The identity of a message that arrived without a msgId, from its content, so that a re-send of it
// (a connector's history replay, a `replay --db` rerun of the same file) is recognised like a msgId.
//
// The fingerprint covers what a re-send repeats exactly and two real events cannot share: the kind, the
// sender's id, the sender's timestamp (createTime, in ms) and the counted content (gift id, unit price,
// repeatCount, repeatEnd and combo group of a gift; likeCount and the room's running totalLikeCount of a
// like). Two distinct gifts by one viewer in the same millisecond with the same count are the same
// gift sent twice. Names, pictures and gift names are left out: they may change between sends of one
// message. A message without createTime gets no fingerprint (two identical ones cannot be told apart
// from a re-send, and merging real gifts would lose them), nor do viewer counts (roomUser: an absolute
// value, a repeat changes nothing) and the kinds that count nothing.

#include <string>

#include "core/event.hpp"

namespace livegifts {

// Whether messages of `kind` are told apart by their content when they have no msgId (given a createTime).
bool identifiedByContent(EventKind kind);

// "fp:" followed by 32 hex digits (two 64-bit hashes), or "" when the message gets none.
std::string fingerprintOf(const Event &event);

} // namespace livegifts

#pragma once

// A request's JSON answer written into the OBS settings object obs-websocket hands over for it, item by item.
// The answer used to go to text, be parsed back by OBS (jansson) into a new settings object and be copied into the
// response: for a GetSummary with 100 supporters that took about 0.6 ms of the threads obs-websocket runs every
// client's requests on; written directly it takes about a sixth of that (tests/api/test-answer-data.cpp).
//
// Objects become settings objects and arrays of objects settings arrays; null and arrays of plain values (which
// OBS settings cannot hold; no answer has them) are left out. Text that is not valid UTF-8 is repaired (U+FFFD), as
// the text path's dump did, so obs-websocket can send it.

#include <nlohmann/json.hpp>

#include <obs-data.h>

namespace livegifts::obs::api {

// Sets every member of `object` (a JSON object) on `out`.
void writeAnswer(obs_data_t *out, const nlohmann::json &object);

} // namespace livegifts::obs::api

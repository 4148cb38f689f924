#pragma once

// The SAX handler of the frame parser: walks a frame's objects with the wire-key tables, collects each
// message's values into a Record and turns the record into an Event when the message's object closes.
// Driven by nlohmann's SAX parser or by the fast scanner (json-scan.hpp), which make the same calls.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/event.hpp"
#include "core/limits.hpp"
#include "core/normalize.hpp"
#include "core/raw-value.hpp"
#include "core/record-mapping.hpp"
#include "core/wire-keys.hpp"

namespace livegifts::detail {

struct FrameHandler {
	struct Level {
		Ctx ctx;
		Slot target; // Picture/UrlList: the slot their URL goes to
		std::uint8_t prio;
		bool taken; // UrlList: first string already used
	};

	std::vector<Level> stack;
	std::vector<Record> records; // pool; recordDepth of them are in use
	std::size_t recordDepth = 0;
	std::size_t ignoreDepth = 0;        // > 0: inside an object/array nobody cares about
	const KeyAction *pending = nullptr; // action of the key just read
	std::vector<Event> *out = nullptr;
	ParseResult *result = nullptr;
	std::string syntaxError;
	std::string limitError;        // set when a limit (limits.hpp) stopped the frame
	std::size_t depth = 0;         // open objects and arrays, the root included
	std::size_t messages = 0;      // bundle elements met
	std::size_t droppedErrors = 0; // errors beyond limits::maxErrorsPerFrame
	bool sawRoot = false;
	// The keys read so far in each open object, innermost last: (stack depth, action). A key met twice in one
	// object makes its message ambiguous (JSON parsers disagree on which value counts).
	std::vector<std::pair<std::size_t, const KeyAction *>> seenKeys;
	std::string teamKey; // the key of a TeamMap entry whose value opens next
	static constexpr KeyAction teamEntry{"", Slot::None, 0, Ctx::Team, Slot::None, 0};

	void begin(std::vector<Event> &events, ParseResult &res)
	{
		stack.clear();
		recordDepth = 0;
		ignoreDepth = 0;
		pending = nullptr;
		out = &events;
		result = &res;
		syntaxError.clear();
		limitError.clear();
		depth = 0;
		messages = 0;
		droppedErrors = 0;
		sawRoot = false;
		seenKeys.clear();
		teamKey.clear();
	}

	// Gives back what a large frame made the buffers hold (the record pool keeps string capacity).
	void release()
	{
		std::vector<Level>().swap(stack);
		std::vector<Record>().swap(records);
		std::vector<std::pair<std::size_t, const KeyAction *>>().swap(seenKeys);
		std::string().swap(syntaxError);
		std::string().swap(limitError);
	}

	void addError(std::string text)
	{
		if (result->errors.size() < limits::maxErrorsPerFrame) {
			result->errors.push_back({std::move(text)});
		} else {
			++droppedErrors;
		}
	}

	// One more bundle element; false (and limitError) past limits::maxMessagesPerFrame.
	bool countMessage()
	{
		if (++messages > limits::maxMessagesPerFrame) {
			limitError = "bundle holds more than " + std::to_string(limits::maxMessagesPerFrame) +
				     " messages (limits::maxMessagesPerFrame); frame skipped";
			return false;
		}
		return true;
	}

	Record &record() { return records[recordDepth - 1]; }

	// For the fast scanner: whether keys matter here, and whether the next scalar does.
	bool active() const { return ignoreDepth == 0 && !stack.empty(); }
	bool wantsScalar() const
	{
		if (ignoreDepth > 0 || stack.empty()) {
			return stack.empty() && ignoreDepth == 0;
		}
		const Level &level = stack.back();
		return pending != nullptr || level.ctx == Ctx::Messages || (level.ctx == Ctx::UrlList && !level.taken);
	}

	void pushRecord()
	{
		if (records.size() == recordDepth) {
			records.emplace_back();
		}
		records[recordDepth].reset();
		++recordDepth;
	}

	// A scalar arrived; `fill` writes it into a RawValue.
	template <typename Fill>
	bool scalar(Fill &&fill)
	{
		if (ignoreDepth > 0 || stack.empty()) {
			return true;
		}
		Level &level = stack.back();
		if (level.ctx == Ctx::Messages) {
			addError("bundle element is not an object");
			return countMessage();
		}
		if (level.ctx == Ctx::UrlList) {
			if (!level.taken) {
				level.taken = true;
				assign(level.target, level.prio, fill);
			}
			return true;
		}
		const KeyAction *action = pending;
		pending = nullptr;
		if (action == nullptr) {
			return true;
		}
		if (level.ctx == Ctx::Picture) {
			assign(level.target, level.prio, fill);
			return true;
		}
		if (action->slot != Slot::None) {
			assign(action->slot, action->prio, fill);
		}
		return true;
	}

	template <typename Fill>
	void assign(Slot slot, std::uint8_t prio, Fill &&fill)
	{
		if (recordDepth == 0 || slot == Slot::None) {
			return;
		}
		if (isTeamSlot(slot)) {
			assignTeam(slot, prio, fill);
			return;
		}
		RawValue &value = record()[slot];
		if (value.present() && value.prio >= prio) {
			return;
		}
		if (isUserIdSlot(slot)) {
			// "no one" leaves the slot to the next field that names someone
			RawValue candidate;
			fill(candidate);
			if (namesNoUser(candidate)) {
				return;
			}
			candidate.prio = prio;
			value = std::move(candidate);
			return;
		}
		value.prio = prio;
		fill(value);
	}

	// A value of the record's current battle team (the last one opened).
	template <typename Fill>
	void assignTeam(Slot slot, std::uint8_t prio, Fill &&fill)
	{
		auto &teams = record().teams;
		if (teams.empty()) {
			return;
		}
		TeamRecord &team = teams.back();
		if (slot == Slot::TeamUserScore) {
			RawValue score;
			fill(score);
			std::int64_t points = 0;
			if (toInt(score, points) && points > 0) {
				team.userScores += points;
				team.hasUserScores = true;
			}
			return;
		}
		RawValue &value = slot == Slot::TeamHost     ? team.host
				  : slot == Slot::TeamPoints ? team.points
							     : team.result;
		if (value.present() && value.prio >= prio) {
			return;
		}
		value.prio = prio;
		fill(value);
	}

	// A battle team opens; `host` (a map's key) names its host.
	void openTeam(const std::string *host)
	{
		if (recordDepth == 0 || record().teams.size() >= limits::maxMessagesPerFrame) {
			return;
		}
		record().teams.emplace_back();
		if (host != nullptr) {
			RawValue &value = record().teams.back().host;
			value.type = ValueType::String;
			value.prio = 2;
			value.text = *host;
		}
	}

	bool null()
	{
		return scalar([](RawValue &v) { v.type = ValueType::Null; });
	}
	bool boolean(bool b)
	{
		return scalar([b](RawValue &v) {
			v.type = ValueType::Bool;
			v.boolean = b;
		});
	}
	bool number_integer(std::int64_t n)
	{
		return scalar([n](RawValue &v) {
			v.type = ValueType::Int;
			v.integer = n;
		});
	}
	bool number_unsigned(std::uint64_t n)
	{
		return scalar([n](RawValue &v) {
			v.type = ValueType::UInt;
			v.unsignedInteger = n;
		});
	}
	bool number_float(double value, const std::string &literal)
	{
		return scalar([value, &literal](RawValue &v) {
			v.type = ValueType::Float;
			v.real = value;
			v.text = literal;
		});
	}
	bool string(std::string &s)
	{
		return scalar([&s](RawValue &v) {
			v.type = ValueType::String;
			v.text.swap(s);
		});
	}
	bool binary(nlohmann::json::binary_t &)
	{
		pending = nullptr;
		return true;
	}

	// An object or array starts. `isObject` tells which.
	bool open(bool isObject)
	{
		if (++depth > limits::maxJsonDepth) {
			limitError = "frame nested deeper than " + std::to_string(limits::maxJsonDepth) +
				     " levels (limits::maxJsonDepth); frame skipped";
			return false;
		}
		if (ignoreDepth > 0) {
			++ignoreDepth;
			return true;
		}
		if (stack.empty()) {
			sawRoot = true;
			if (!isObject) {
				addError("frame is not a JSON object");
				result->frameOk = false;
				++ignoreDepth;
				return true;
			}
			pushRecord();
			stack.push_back({Ctx::Frame, Slot::None, 0, false});
			return true;
		}
		Level &level = stack.back();
		if (level.ctx == Ctx::Messages) {
			if (isObject) {
				pushRecord();
				stack.push_back({Ctx::Frame, Slot::None, 0, false});
			} else {
				addError("bundle element is not an object");
				++ignoreDepth;
			}
			return countMessage();
		}
		if (elementOf(level.ctx) != Ctx::None) {
			if (!isObject) {
				++ignoreDepth;
				return true;
			}
			if (level.ctx == Ctx::TeamList) {
				openTeam(nullptr);
			}
			stack.push_back({elementOf(level.ctx), Slot::None, 0, false});
			return true;
		}
		const KeyAction *action = pending;
		pending = nullptr;
		if (action == nullptr) {
			++ignoreDepth;
			return true;
		}
		if (action->slot != Slot::None) {
			// a scalar was expected: remember the wrong type
			assign(action->slot, action->prio, [](RawValue &v) { v.type = ValueType::Container; });
		}
		Ctx child = action->child;
		if (child == Ctx::Teams) {
			child = isObject ? Ctx::TeamMap : Ctx::TeamList;
		}
		const bool wantsArray =
		    child == Ctx::Messages || child == Ctx::UrlList || elementOf(child) != Ctx::None;
		if (child == Ctx::None || wantsArray == isObject) {
			++ignoreDepth;
			return true;
		}
		if (child == Ctx::Team) {
			openTeam(teamKey.empty() ? nullptr : &teamKey);
			teamKey.clear();
		}
		if (child == Ctx::Data) {
			record().hadData = true;
		} else if (child == Ctx::Messages) {
			record().hadMessages = true;
		}
		Slot target = action->childSlot;
		std::uint8_t prio = action->childPrio;
		if (child == Ctx::UrlList) {
			target = level.target;
			prio = level.prio;
		}
		stack.push_back({child, target, prio, false});
		return true;
	}

	bool close()
	{
		if (depth > 0) {
			--depth;
		}
		if (ignoreDepth > 0) {
			--ignoreDepth;
			return true;
		}
		pending = nullptr;
		if (stack.empty()) {
			return true;
		}
		while (!seenKeys.empty() && seenKeys.back().first == stack.size()) {
			seenKeys.pop_back();
		}
		const Ctx ctx = stack.back().ctx;
		stack.pop_back();
		if (ctx == Ctx::Frame) {
			finish(record());
			--recordDepth;
		}
		return true;
	}

	bool start_object(std::size_t) { return open(true); }
	bool end_object() { return close(); }
	bool start_array(std::size_t) { return open(false); }
	bool end_array() { return close(); }

	bool key(std::string &k)
	{
		if (ignoreDepth > 0 || stack.empty()) {
			return true;
		}
		switch (stack.back().ctx) {
		case Ctx::Frame:
			pending = lookup(frameKeys, k);
			if (pending == nullptr) {
				pending = lookup(dataKeys, k);
			}
			break;
		case Ctx::Data:
			pending = lookup(dataKeys, k);
			break;
		case Ctx::Common:
			pending = lookup(commonKeys, k);
			break;
		case Ctx::DisplayText:
			pending = lookup(displayTextKeys, k);
			break;
		case Ctx::User:
			pending = lookup(userKeys, k);
			break;
		case Ctx::Picture:
			pending = lookup(pictureKeys, k);
			break;
		case Ctx::Gift:
			pending = lookup(giftKeys, k);
			break;
		case Ctx::GiftDetails:
			pending = lookup(giftDetailsKeys, k);
			break;
		case Ctx::TeamMap:
			// every key is a host id, its value that host's team
			teamKey = k;
			pending = &teamEntry;
			break;
		case Ctx::Team:
		case Ctx::TeamValue:
			pending = lookup(teamKeys, k);
			break;
		case Ctx::ArmyUser:
			pending = lookup(armyUserKeys, k);
			break;
		case Ctx::BattleSettings:
			pending = lookup(battleSettingsKeys, k);
			break;
		case Ctx::MatchInfo:
			pending = lookup(matchInfoKeys, k);
			break;
		case Ctx::Goal:
			pending = lookup(goalKeys, k);
			break;
		case Ctx::SubGoal:
			pending = lookup(subGoalKeys, k);
			break;
		case Ctx::ContentText:
			pending = lookup(contentTextKeys, k);
			break;
		case Ctx::EnvelopeInfo:
			pending = lookup(envelopeInfoKeys, k);
			break;
		case Ctx::ToUser:
			pending = lookup(toUserKeys, k);
			break;
		case Ctx::MonitorInfo:
			pending = lookup(monitorInfoKeys, k);
			break;
		case Ctx::MonitorExtra:
			pending = lookup(monitorExtraKeys, k);
			break;
		case Ctx::GiftExtra:
			pending = lookup(giftExtraKeys, k);
			break;
		default:
			pending = nullptr;
			break;
		}
		if (pending != nullptr && pending != &teamEntry) {
			noteKey(*pending);
		}
		return true;
	}

	// Remembers a key of the innermost object; a second time marks the message.
	void noteKey(const KeyAction &action)
	{
		const std::size_t level = stack.size();
		for (auto it = seenKeys.rbegin(); it != seenKeys.rend() && it->first == level; ++it) {
			if (it->second == &action) {
				if (recordDepth > 0 && record().duplicateKey.empty()) {
					record().duplicateKey = action.key;
				}
				return;
			}
		}
		seenKeys.emplace_back(level, &action);
	}

	bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &ex)
	{
		syntaxError = ex.what();
		return false;
	}

	void messageError(std::string text) { addError(std::move(text)); }

	// A message object ended: turn its record into an Event (or an error).
	void finish(Record &rec)
	{
		Event event;
		std::string error;
		switch (mapRecord(rec, event, error)) {
		case MappingResult::Event:
			out->push_back(std::move(event));
			break;
		case MappingResult::Error:
			messageError(std::move(error));
			break;
		case MappingResult::Nothing:
			break;
		}
	}
};

} // namespace livegifts::detail

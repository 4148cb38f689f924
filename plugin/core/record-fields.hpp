#pragma once

// The stored fields of each journal record, written once: their order in a spill line's array and among
// the ledger's columns, and each column's name. The spill file (journal-spill.cpp), the ledger writer and
// the loader walk these tables, each converting values its own way (ledger-fields.hpp for SQLite). A new
// field is a row at the end of its table: spill lines of older builds hold a prefix of it.
//
// Keys that live outside a record (a scope, a streak's "gone", a goal's id) stay with their users.

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "core/journal.hpp"

namespace livegifts::fields {

// How the ledger stores a field: as it is, or NULL in place of an empty text or a zero.
enum class Sql { Value, NullWhenEmpty };

template <typename Record, typename Member>
struct Field {
	const char *column; // the ledger's column
	Member Record::*member;
	Sql sql = Sql::Value;
};
template <typename Record, typename Member>
Field(const char *, Member Record::*) -> Field<Record, Member>;
template <typename Record, typename Member>
Field(const char *, Member Record::*, Sql) -> Field<Record, Member>;

// events (after them the ledger adds stored_at). Spill lines of builds before recipients end after created_at
// (messageBeforeRecipient fields).
inline constexpr std::tuple message{
    Field{"msg_id", &MessageRecord::msgId},
    Field{"kind", &MessageRecord::kind},
    Field{"stream_id", &MessageRecord::streamId},
    Field{"user_id", &MessageRecord::userId},
    Field{"gift_id", &MessageRecord::giftId},
    Field{"units", &MessageRecord::units},
    Field{"coins", &MessageRecord::coins},
    Field{"likes", &MessageRecord::likes},
    Field{"streak_key", &MessageRecord::streakKey, Sql::NullWhenEmpty},
    Field{"created_at", &MessageRecord::createTimeMs, Sql::NullWhenEmpty},
    Field{"recipient", &MessageRecord::recipient, Sql::NullWhenEmpty},
    Field{"recipient_id", &MessageRecord::recipientId, Sql::NullWhenEmpty},
};
inline constexpr std::size_t messageBeforeRecipient = 10;

// users; the first field is the key. Spill lines of builds before numeric ids end after avatar_url, those of
// builds before the newest handle was kept after numeric_id.
inline constexpr std::tuple user{
    Field{"user_id", &UserRecord::id},           Field{"nickname", &UserRecord::nickname},
    Field{"avatar_url", &UserRecord::avatarUrl}, Field{"numeric_id", &UserRecord::numericId},
    Field{"handle", &UserRecord::handle},
};
inline constexpr std::size_t userBeforeNumeric = 3;

// supporter_totals, after the scope; the first field is the key. Spill lines of builds that ranked by coins
// only end after `reach` (standingCoinsOnly fields).
inline constexpr std::tuple standing{
    Field{"user_id", &StandingRecord::id},           Field{"coins", &StandingRecord::coins},
    Field{"gifts", &StandingRecord::gifts},          Field{"reach", &StandingRecord::reach},
    Field{"likes", &StandingRecord::likes},          Field{"gift_reach", &StandingRecord::giftReach},
    Field{"like_reach", &StandingRecord::likeReach},
};
inline constexpr std::size_t standingCoinsOnly = 4;

// gift_totals, after the scope; the first field is the key.
inline constexpr std::tuple gift{
    Field{"gift_id", &GiftTotal::giftId},     Field{"name", &GiftTotal::name},
    Field{"image_url", &GiftTotal::imageUrl}, Field{"diamond_count", &GiftTotal::diamondCount},
    Field{"count", &GiftTotal::count},        Field{"coins", &GiftTotal::coins},
};

// room_totals, after the scope. Spill lines without superfans end after viewers_peak (totalsBeforeSuperfans).
inline constexpr std::tuple totals{
    Field{"coins", &RoomTotals::coins},
    Field{"gifts", &RoomTotals::gifts},
    Field{"likes_received", &RoomTotals::likesReceived},
    Field{"room_like_total", &RoomTotals::roomLikeTotal},
    Field{"follows", &RoomTotals::follows},
    Field{"shares", &RoomTotals::shares},
    Field{"subscribers", &RoomTotals::subscribers},
    Field{"joins", &RoomTotals::joins},
    Field{"chats", &RoomTotals::chats},
    Field{"viewers_last", &RoomTotals::viewersLast},
    Field{"viewers_peak", &RoomTotals::viewersPeak},
    Field{"superfan_joins", &RoomTotals::superFanJoins},
    Field{"superfan_boxes", &RoomTotals::superFanBoxes},
    Field{"superfan_other", &RoomTotals::superFanOther},
};

inline constexpr std::size_t totalsBeforeSuperfans = 11;

// streaks (after them the ledger adds updated_at). A spill line holds the first streakBeforeRecipient fields,
// whether the streak is gone, then the recipient's fields (absent from lines of builds before recipients).
inline constexpr std::tuple streak{
    Field{"key", &StreakRecord::key},
    Field{"user_id", &StreakRecord::userId},
    Field{"gift_id", &StreakRecord::giftId},
    Field{"diamond_count", &StreakRecord::diamondCount},
    Field{"last_count", &StreakRecord::lastCount},
    Field{"counted", &StreakRecord::counted},
    Field{"open", &StreakRecord::open},
    Field{"ended", &StreakRecord::ended},
    Field{"recipient", &StreakRecord::recipient},
    Field{"recipient_id", &StreakRecord::recipientId},
    Field{"recipient_unique_id", &StreakRecord::recipientUniqueId},
    Field{"recipient_nickname", &StreakRecord::recipientNickname},
};
inline constexpr std::size_t streakBeforeRecipient = 8;

// recipient_totals, after the scope; the first two fields are the key (with the scope).
inline constexpr std::tuple recipientTotal{
    Field{"recipient", &RecipientTotal::kind},     Field{"recipient_id", &RecipientTotal::id},
    Field{"unique_id", &RecipientTotal::uniqueId}, Field{"nickname", &RecipientTotal::nickname},
    Field{"coins", &RecipientTotal::coins},        Field{"gifts", &RecipientTotal::gifts},
};

// goals, after the id (the spec's); the ledger adds updated_at and progress. A spill line adds after them
// the same progress text (origin, reset points, undo: goalProgressToJson) when the goal has any; a line
// without it (older builds, or a goal never reset, adjusted or given an origin) reads as none.
inline constexpr std::tuple goal{
    Field{"spec", &GoalRecord::spec},
    Field{"base", &GoalRecord::base},
    Field{"target", &GoalRecord::target},
    Field{"stage", &GoalRecord::stage},
    Field{"times_reached", &GoalRecord::timesReached},
    Field{"reached", &GoalRecord::reached},
    Field{"stream_id", &GoalRecord::streamId},
};

// A stream change or reset in a spill line: type, stream id, epoch, reset kind, target; then, for a goal
// action other than an adjustment of 0, its action and amount (older builds end after the target).
inline constexpr std::size_t changeGoalAction = 5;

template <typename Table>
inline constexpr std::size_t count = std::tuple_size_v<Table>;

// Calls `each(field, index)` for every field of `table`, in order.
template <typename Table, typename Each>
constexpr void forEach(const Table &table, Each &&each)
{
	[&]<std::size_t... I>(std::index_sequence<I...>)
	{
		(each(std::get<I>(table), I), ...);
	}
	(std::make_index_sequence<std::tuple_size_v<Table>>{});
}

// "a, b, c": the columns of `table`, each after `prefix` (a table alias such as "s.").
template <typename Table>
std::string columns(const Table &table, std::string_view prefix = {})
{
	std::string out;
	forEach(table, [&](const auto &field, std::size_t i) {
		out.append(i == 0 ? "" : ", ").append(prefix).append(field.column);
	});
	return out;
}

// "b = excluded.b, c = excluded.c": every column but the first (the key) takes the new row's value.
template <typename Table>
std::string updates(const Table &table)
{
	std::string out;
	forEach(table, [&](const auto &field, std::size_t i) {
		if (i > 0) {
			out.append(i == 1 ? "" : ", ").append(field.column).append(" = excluded.").append(field.column);
		}
	});
	return out;
}

// "?,?,?": `n` parameters.
inline std::string placeholders(std::size_t n)
{
	std::string out;
	for (std::size_t i = 0; i < n; ++i) {
		out.append(i == 0 ? "?" : ",?");
	}
	return out;
}

} // namespace livegifts::fields

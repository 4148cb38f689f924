#pragma once

// The ledger's side of the record field tables (record-fields.hpp): each field bound to a statement's
// parameter, or read from a result column, converted as its column stores it.

#include <cstdint>
#include <string>
#include <type_traits>

#include "core/goal-json.hpp"
#include "core/record-fields.hpp"
#include "core/sqlite.hpp"

namespace livegifts::fields {

inline void bindValue(sqlite::Statement &q, int index, const std::string &value)
{
	q.bind(index, std::string_view(value));
}
// Every integer (reach stamps are unsigned, a goal's stage a size) as SQLite's 64-bit integer.
template <typename T>
requires(std::is_integral_v<T> && !std::is_same_v<T, bool>) void bindValue(sqlite::Statement &q, int index, T value)
{
	q.bind(index, static_cast<std::int64_t>(value));
}
inline void bindValue(sqlite::Statement &q, int index, bool value)
{
	q.bind(index, std::int64_t{value ? 1 : 0});
}
inline void bindValue(sqlite::Statement &q, int index, EventKind value)
{
	q.bind(index, eventKindName(value));
}
inline void bindValue(sqlite::Statement &q, int index, RecipientKind value)
{
	q.bind(index, recipientKindName(value));
}
inline void bindValue(sqlite::Statement &q, int index, const GoalSpec &value)
{
	q.bind(index, std::string_view(goalSpecToJson(value)));
}

template <typename T>
bool isEmptyValue(const T &value)
{
	if constexpr (std::is_same_v<T, std::string>) {
		return value.empty();
	} else {
		return value == T{};
	}
}

// Binds the fields of `record` to the parameters from `first` on; returns the next parameter's index.
template <typename Table, typename Record>
int bindFields(sqlite::Statement &q, int first, const Table &table, const Record &record)
{
	forEach(table, [&](const auto &field, std::size_t i) {
		const int index = first + static_cast<int>(i);
		const auto &value = record.*field.member;
		if (field.sql == Sql::NullWhenEmpty && isEmptyValue(value)) {
			q.bindNull(index);
		} else {
			bindValue(q, index, value);
		}
	});
	return first + static_cast<int>(count<Table>);
}

inline bool readValue(const sqlite::Statement &q, int column, std::string &value)
{
	value = q.text(column);
	return true;
}
template <typename T>
requires(std::is_integral_v<T> && !std::is_same_v<T, bool>) bool readValue(const sqlite::Statement &q, int column,
									   T &value)
{
	value = static_cast<T>(q.integer(column));
	return true;
}
inline bool readValue(const sqlite::Statement &q, int column, bool &value)
{
	value = q.integer(column) != 0;
	return true;
}
inline bool readValue(const sqlite::Statement &q, int column, RecipientKind &value)
{
	value = recipientKindFromName(q.text(column));
	return true;
}
inline bool readValue(const sqlite::Statement &q, int column, GoalSpec &value)
{
	return goalSpecFromJson(q.text(column), value);
}

// Reads the fields of `record` from the columns from `first` on; false when one of them is unreadable.
template <typename Table, typename Record>
bool readFields(const sqlite::Statement &q, int first, const Table &table, Record &record)
{
	bool ok = true;
	forEach(table, [&](const auto &field, std::size_t i) {
		const int column = first + static_cast<int>(i);
		ok = readValue(q, column, record.*field.member) && ok;
	});
	return ok;
}

} // namespace livegifts::fields

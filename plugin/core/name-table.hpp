#pragma once

// An enum's values and their names as stored (settings, saved state, the ledger), both ways: one table of
// {value, name} pairs per enum, looked up in order.

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>

namespace livegifts {

template <typename E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

// The name of `value`, or empty when the table has none.
template <typename E, std::size_t N>
constexpr std::string_view nameOf(const NameTable<E, N> &table, E value)
{
	for (const auto &[v, name] : table) {
		if (v == value) {
			return name;
		}
	}
	return {};
}

// The value named `name` into `out`; false (out untouched) when the table has none.
template <typename E, std::size_t N>
constexpr bool valueOf(const NameTable<E, N> &table, std::string_view name, E &out)
{
	for (const auto &[v, n] : table) {
		if (n == name) {
			out = v;
			return true;
		}
	}
	return false;
}

} // namespace livegifts

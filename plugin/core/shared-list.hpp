#pragma once

// Lists in a Snapshot that the next snapshot can share instead of copying: a storm publishes a snapshot per
// gift, and most of what a snapshot lists (recent activity, rankings) did not change since the last one.

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace livegifts {

// A read-only list whose items are held one by one behind shared pointers: a copy of the list shares its
// items, and a new list can take the unchanged items of an old one. Reads as a vector of T.
template <typename T>
class SharedItems {
public:
	using Pointer = std::shared_ptr<const T>;

	class const_iterator {
	public:
		using iterator_category = std::random_access_iterator_tag;
		using value_type = T;
		using difference_type = std::ptrdiff_t;
		using pointer = const T *;
		using reference = const T &;

		const_iterator() = default;
		explicit const_iterator(typename std::vector<Pointer>::const_iterator at) : at_(at) {}
		reference operator*() const { return **at_; }
		pointer operator->() const { return at_->get(); }
		reference operator[](difference_type n) const { return *at_[n]; }
		const_iterator &operator++()
		{
			++at_;
			return *this;
		}
		const_iterator operator++(int) { return const_iterator(at_++); }
		const_iterator &operator--()
		{
			--at_;
			return *this;
		}
		const_iterator operator--(int) { return const_iterator(at_--); }
		const_iterator &operator+=(difference_type n)
		{
			at_ += n;
			return *this;
		}
		const_iterator &operator-=(difference_type n)
		{
			at_ -= n;
			return *this;
		}
		friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
		friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
		friend difference_type operator-(const const_iterator &a, const const_iterator &b)
		{
			return a.at_ - b.at_;
		}
		friend bool operator==(const const_iterator &a, const const_iterator &b) { return a.at_ == b.at_; }
		friend bool operator!=(const const_iterator &a, const const_iterator &b) { return a.at_ != b.at_; }
		friend bool operator<(const const_iterator &a, const const_iterator &b) { return a.at_ < b.at_; }

	private:
		typename std::vector<Pointer>::const_iterator at_;
	};
	using iterator = const_iterator;

	SharedItems() = default;
	SharedItems(std::initializer_list<T> items)
	{
		for (const T &item : items) {
			push_back(item);
		}
	}

	const_iterator begin() const { return const_iterator(items_.begin()); }
	const_iterator end() const { return const_iterator(items_.end()); }
	std::size_t size() const { return items_.size(); }
	bool empty() const { return items_.empty(); }
	const T &operator[](std::size_t i) const { return *items_[i]; }
	const T &front() const { return *items_.front(); }
	const T &back() const { return *items_.back(); }
	// The pointer behind item i (to share it with another list).
	const Pointer &shared(std::size_t i) const { return items_[i]; }

	void clear() { items_.clear(); }
	void reserve(std::size_t n) { items_.reserve(n); }
	void push_back(T item) { items_.push_back(std::make_shared<const T>(std::move(item))); }
	void push_back(Pointer item) { items_.push_back(std::move(item)); }

	// The items, copied (for a caller that wants them apart from any snapshot).
	std::vector<T> copied() const
	{
		std::vector<T> out;
		out.reserve(items_.size());
		for (const Pointer &item : items_) {
			out.push_back(*item);
		}
		return out;
	}

private:
	std::vector<Pointer> items_;
};

// A read-only vector shared as a whole: a copy shares it, and a snapshot whose list did not change takes the
// last one's. Reads as (and converts to) a const std::vector<T>; assigning a vector replaces it.
template <typename T>
class SharedVector {
public:
	SharedVector() = default;
	SharedVector(std::vector<T> items) : items_(std::make_shared<const std::vector<T>>(std::move(items))) {}
	SharedVector(std::initializer_list<T> items) : SharedVector(std::vector<T>(items)) {}

	const std::vector<T> &items() const { return items_ ? *items_ : none(); }
	operator const std::vector<T> &() const { return items(); }

	auto begin() const { return items().begin(); }
	auto end() const { return items().end(); }
	std::size_t size() const { return items().size(); }
	bool empty() const { return items().empty(); }
	const T &operator[](std::size_t i) const { return items()[i]; }
	const T &at(std::size_t i) const { return items().at(i); }
	const T &front() const { return items().front(); }
	const T &back() const { return items().back(); }

private:
	static const std::vector<T> &none()
	{
		static const std::vector<T> empty;
		return empty;
	}

	std::shared_ptr<const std::vector<T>> items_;
};

} // namespace livegifts

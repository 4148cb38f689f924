#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace livegifts {

// Append-only storage for many small strings with stable addresses; a reference is 8 bytes.
// Strings longer than maxLength are cut (at a UTF-8 boundary).
class StringPool {
public:
	struct Ref {
		std::uint32_t offset = 0;
		std::uint32_t length = 0;
	};
	static constexpr std::size_t maxLength = 16 * 1024;

	Ref add(std::string_view text);
	std::string_view get(Ref ref) const;
	std::size_t bytesUsed() const { return bytes_; }
	void clear();

private:
	static constexpr std::size_t chunkBits = 20;
	static constexpr std::size_t chunkSize = std::size_t{1} << chunkBits; // the largest chunk
	// Chunks grow from this size to chunkSize, doubling: a room with a few viewers holds a few kilobytes.
	static constexpr std::size_t firstChunkSize = 4 * maxLength;
	std::vector<std::unique_ptr<char[]>> chunks_;
	std::size_t capacity_ = 0; // bytes in the last chunk
	std::size_t used_ = 0;     // bytes used in the last chunk
	std::size_t bytes_ = 0;    // bytes in all chunks
};

// Every user seen, by @handle: a dense index per user, their latest nickname and avatar URL.
// Memory per user: 28 bytes of record and 8 of hash table, plus the strings in the pool.
class SupporterDirectory {
public:
	static constexpr std::uint32_t npos = UINT32_MAX;

	// The index of `id`, or npos.
	std::uint32_t find(std::string_view id) const;
	// The index of `id`, created when new; nickname and avatar are updated when they differ and are not
	// empty. `changed` tells whether the record is new or changed.
	std::uint32_t intern(std::string_view id, std::string_view nickname, std::string_view avatarUrl, bool &changed);

	std::string_view id(std::uint32_t index) const { return pool_.get(records_[index].id); }
	std::string_view nickname(std::uint32_t index) const { return pool_.get(records_[index].nickname); }
	std::string_view avatarUrl(std::uint32_t index) const { return pool_.get(records_[index].avatar); }
	std::size_t size() const { return records_.size(); }
	std::size_t memoryBytes() const;
	void clear();

private:
	struct Record {
		StringPool::Ref id;
		StringPool::Ref nickname;
		StringPool::Ref avatar;
		std::uint32_t hash = 0;
	};
	void grow();

	std::vector<Record> records_;
	std::vector<std::uint32_t> slots_; // open addressing, npos = empty
	StringPool pool_;
};

std::uint64_t hashText(std::string_view text);

} // namespace livegifts

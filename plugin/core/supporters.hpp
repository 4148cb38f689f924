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

// Every user seen, by @handle: a dense index per user, their latest nickname and avatar URL, and TikTok's
// numeric id of the account when known (it stays when the account changes its @handle: findNumeric then gives
// the record its first handle made, so a renamed viewer stays one supporter).
// Memory per user: 48 bytes of record and 8 of hash table (8 more with a numeric id), plus the strings in the
// pool.
// A changed nickname or avatar URL is added anew (TikTok's picture addresses change within a stream: a new
// signature, another size), and the bytes of the old one are counted as dead; once the dead bytes pass both
// the live ones and compactAfterBytes, the pool is made again from the live strings only. So a stream of
// ever-changing names costs what the newest names take, not what every name ever seen took. The views that
// id(), nickname() and avatarUrl() return are valid until the next intern() or clear().
class SupporterDirectory {
public:
	static constexpr std::uint32_t npos = UINT32_MAX;

	// The index of `id`, or npos.
	std::uint32_t find(std::string_view id) const;
	// The index of `id`, created when new; nickname and avatar are updated when they differ and are not
	// empty. `changed` tells whether the record is new or changed.
	std::uint32_t intern(std::string_view id, std::string_view nickname, std::string_view avatarUrl, bool &changed);
	// The index of the record holding numeric id `numericId`, or npos (also for an empty one).
	std::uint32_t findNumeric(std::string_view numericId) const;
	// Gives record `index` numeric id `numericId` when it has none and no other record has it; true when it did
	// (the record changed). An account's id never moves to another record.
	bool attachNumeric(std::uint32_t index, std::string_view numericId);

	std::string_view id(std::uint32_t index) const { return pool_.get(records_[index].id); }
	std::string_view nickname(std::uint32_t index) const { return pool_.get(records_[index].nickname); }
	std::string_view avatarUrl(std::uint32_t index) const { return pool_.get(records_[index].avatar); }
	std::string_view numericId(std::uint32_t index) const { return pool_.get(records_[index].numeric); }
	// The newest @handle of record `index`: its id unless its account was renamed since (noteHandle).
	std::string_view handle(std::uint32_t index) const
	{
		const Record &record = records_[index];
		return record.handle.length != 0 ? pool_.get(record.handle) : pool_.get(record.id);
	}
	// The @handle the record's account has now when it differs from its id (renamed since), else empty.
	std::string_view newerHandle(std::uint32_t index) const { return pool_.get(records_[index].handle); }
	// Notes the @handle the record's account has now (its id, or a newer one); true when that changed it.
	bool noteHandle(std::uint32_t index, std::string_view handle);
	std::size_t size() const { return records_.size(); }
	// Changes whenever a known record's names change (nickname, avatar, handle) or the directory is cleared;
	// a new record leaves it. Equal revisions: every record kept the names it had.
	std::uint64_t revision() const { return revision_; }
	std::size_t memoryBytes() const;
	// Bytes of replaced strings still in the pool (tests).
	std::size_t deadBytes() const { return deadBytes_; }
	void clear();

	static constexpr std::size_t compactAfterBytes = 1024 * 1024;

private:
	struct Record {
		StringPool::Ref id;
		StringPool::Ref nickname;
		StringPool::Ref avatar;
		StringPool::Ref numeric;
		StringPool::Ref handle; // empty while it is `id`
		std::uint32_t hash = 0;
		std::uint32_t numericHash = 0;
	};
	void grow();
	void growNumeric();
	// A replaced string's bytes are dead; makes the pool again when they outweigh the live ones.
	void replaced(StringPool::Ref old);
	void compact();

	std::vector<Record> records_;
	std::uint64_t revision_ = 0;
	std::vector<std::uint32_t> slots_;        // open addressing, npos = empty
	std::vector<std::uint32_t> numericSlots_; // the same, by numeric id, for the records that have one
	std::size_t numericCount_ = 0;
	StringPool pool_;
	std::size_t deadBytes_ = 0; // bytes of replaced strings in pool_
};

std::uint64_t hashText(std::string_view text);

} // namespace livegifts

#include "core/supporters.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <cstring>

namespace livegifts {

std::uint64_t hashText(std::string_view text)
{
	// FNV-1a over 8-byte words followed by a final avalanche (wyhash-style mixing).
	std::uint64_t h = 0xcbf29ce484222325ULL ^ text.size();
	const char *p = text.data();
	std::size_t left = text.size();
	while (left >= 8) {
		std::uint64_t word = 0;
		std::memcpy(&word, p, 8);
		h = (h ^ word) * 0x100000001b3ULL;
		h ^= h >> 29;
		p += 8;
		left -= 8;
	}
	std::uint64_t tail = 0;
	std::memcpy(&tail, p, left);
	h = (h ^ tail) * 0x100000001b3ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

namespace {

constexpr std::uint32_t kEmpty = SupporterDirectory::npos;

// Open addressing with linear probing: the record index in `slots` whose record `matches`, or kEmpty.
template <typename Matches>
std::uint32_t probe(const std::vector<std::uint32_t> &slots, std::uint32_t hash, Matches matches)
{
	if (slots.empty()) {
		return kEmpty;
	}
	const std::size_t mask = slots.size() - 1;
	for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
		const std::uint32_t index = slots[i];
		if (index == kEmpty || matches(index)) {
			return index;
		}
	}
}

// Puts record `index` in the first free slot from its hash's.
void place(std::vector<std::uint32_t> &slots, std::uint32_t hash, std::uint32_t index)
{
	const std::size_t mask = slots.size() - 1;
	std::size_t i = hash & mask;
	while (slots[i] != kEmpty) {
		i = (i + 1) & mask;
	}
	slots[i] = index;
}

} // namespace

StringPool::Ref StringPool::add(std::string_view text)
{
	text = text.substr(0, utf8CutLength(text, maxLength));
	if (text.empty()) {
		return {};
	}
	if (used_ + text.size() > capacity_) {
		capacity_ = chunks_.empty() ? firstChunkSize : std::min(chunkSize, capacity_ * 2);
		// Not zeroed: only the bytes strings take are written (and become resident).
		chunks_.push_back(std::unique_ptr<char[]>(new char[capacity_]));
		bytes_ += capacity_;
		used_ = 0;
	}
	const std::size_t chunk = chunks_.size() - 1;
	std::memcpy(chunks_.back().get() + used_, text.data(), text.size());
	Ref ref{static_cast<std::uint32_t>((chunk << chunkBits) | used_), static_cast<std::uint32_t>(text.size())};
	used_ += text.size();
	return ref;
}

std::string_view StringPool::get(Ref ref) const
{
	if (ref.length == 0) {
		return {};
	}
	const char *base = chunks_[ref.offset >> chunkBits].get();
	return {base + (ref.offset & (chunkSize - 1)), ref.length};
}

void StringPool::clear()
{
	chunks_.clear();
	capacity_ = 0;
	used_ = 0;
	bytes_ = 0;
}

std::uint32_t SupporterDirectory::find(std::string_view id) const
{
	const auto hash = static_cast<std::uint32_t>(hashText(id));
	return probe(slots_, hash, [&](std::uint32_t index) {
		return records_[index].hash == hash && pool_.get(records_[index].id) == id;
	});
}

std::uint32_t SupporterDirectory::intern(std::string_view id, std::string_view nickname, std::string_view avatarUrl,
					 bool &changed)
{
	changed = false;
	std::uint32_t index = find(id);
	if (index == npos) {
		if ((records_.size() + 1) * 2 > slots_.size()) {
			grow();
		}
		Record record;
		record.id = pool_.add(id);
		record.nickname = pool_.add(nickname);
		record.avatar = pool_.add(avatarUrl);
		record.hash = static_cast<std::uint32_t>(hashText(id));
		index = static_cast<std::uint32_t>(records_.size());
		records_.push_back(record);
		place(slots_, record.hash, index);
		changed = true;
		return index;
	}
	Record &record = records_[index];
	if (!nickname.empty() && pool_.get(record.nickname) != nickname) {
		const StringPool::Ref old = record.nickname;
		record.nickname = pool_.add(nickname);
		changed = true;
		++revision_;
		replaced(old);
	}
	if (!avatarUrl.empty() && pool_.get(records_[index].avatar) != avatarUrl) {
		const StringPool::Ref old = records_[index].avatar;
		records_[index].avatar = pool_.add(avatarUrl);
		changed = true;
		++revision_;
		replaced(old);
	}
	return index;
}

std::uint32_t SupporterDirectory::findNumeric(std::string_view numericId) const
{
	if (numericId.empty()) {
		return npos;
	}
	const auto hash = static_cast<std::uint32_t>(hashText(numericId));
	return probe(numericSlots_, hash, [&](std::uint32_t index) {
		return records_[index].numericHash == hash && pool_.get(records_[index].numeric) == numericId;
	});
}

bool SupporterDirectory::attachNumeric(std::uint32_t index, std::string_view numericId)
{
	if (numericId.empty() || index >= records_.size() || records_[index].numeric.length != 0 ||
	    findNumeric(numericId) != npos) {
		return false;
	}
	if ((numericCount_ + 1) * 2 > numericSlots_.size()) {
		growNumeric();
	}
	Record &record = records_[index];
	record.numeric = pool_.add(numericId);
	record.numericHash = static_cast<std::uint32_t>(hashText(numericId));
	place(numericSlots_, record.numericHash, index);
	++numericCount_;
	return true;
}

bool SupporterDirectory::noteHandle(std::uint32_t index, std::string_view handle)
{
	Record &record = records_[index];
	const std::string_view now = handle == pool_.get(record.id) ? std::string_view() : handle;
	if (pool_.get(record.handle) == now) {
		return false;
	}
	const StringPool::Ref old = record.handle;
	record.handle = pool_.add(now);
	++revision_;
	replaced(old);
	return true;
}

void SupporterDirectory::growNumeric()
{
	const std::size_t size = numericSlots_.empty() ? 1024 : numericSlots_.size() * 2;
	numericSlots_.assign(size, npos);
	for (std::uint32_t index = 0; index < records_.size(); ++index) {
		if (records_[index].numeric.length != 0) {
			place(numericSlots_, records_[index].numericHash, index);
		}
	}
}

void SupporterDirectory::replaced(StringPool::Ref old)
{
	deadBytes_ += old.length;
	if (deadBytes_ >= compactAfterBytes && deadBytes_ > pool_.bytesUsed() / 2) {
		compact();
	}
}

void SupporterDirectory::compact()
{
	StringPool fresh;
	for (Record &record : records_) {
		record.id = fresh.add(pool_.get(record.id));
		record.nickname = fresh.add(pool_.get(record.nickname));
		record.avatar = fresh.add(pool_.get(record.avatar));
		record.numeric = fresh.add(pool_.get(record.numeric));
		record.handle = fresh.add(pool_.get(record.handle));
	}
	pool_ = std::move(fresh);
	deadBytes_ = 0;
}

void SupporterDirectory::grow()
{
	const std::size_t size = slots_.empty() ? 1024 : slots_.size() * 2;
	slots_.assign(size, npos);
	for (std::uint32_t index = 0; index < records_.size(); ++index) {
		place(slots_, records_[index].hash, index);
	}
}

std::size_t SupporterDirectory::memoryBytes() const
{
	return records_.capacity() * sizeof(Record) +
	       (slots_.capacity() + numericSlots_.capacity()) * sizeof(std::uint32_t) + pool_.bytesUsed();
}

void SupporterDirectory::clear()
{
	++revision_;
	records_.clear();
	slots_.clear();
	numericSlots_.clear();
	numericCount_ = 0;
	pool_.clear();
	deadBytes_ = 0;
}

} // namespace livegifts

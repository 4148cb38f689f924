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
	if (slots_.empty()) {
		return npos;
	}
	const auto hash = static_cast<std::uint32_t>(hashText(id));
	const std::size_t mask = slots_.size() - 1;
	for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
		const std::uint32_t index = slots_[i];
		if (index == npos) {
			return npos;
		}
		if (records_[index].hash == hash && pool_.get(records_[index].id) == id) {
			return index;
		}
	}
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
		const std::size_t mask = slots_.size() - 1;
		std::size_t i = record.hash & mask;
		while (slots_[i] != npos) {
			i = (i + 1) & mask;
		}
		slots_[i] = index;
		changed = true;
		return index;
	}
	Record &record = records_[index];
	if (!nickname.empty() && pool_.get(record.nickname) != nickname) {
		const StringPool::Ref old = record.nickname;
		record.nickname = pool_.add(nickname);
		changed = true;
		replaced(old);
	}
	if (!avatarUrl.empty() && pool_.get(records_[index].avatar) != avatarUrl) {
		const StringPool::Ref old = records_[index].avatar;
		records_[index].avatar = pool_.add(avatarUrl);
		changed = true;
		replaced(old);
	}
	return index;
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
	}
	pool_ = std::move(fresh);
	deadBytes_ = 0;
}

void SupporterDirectory::grow()
{
	const std::size_t size = slots_.empty() ? 1024 : slots_.size() * 2;
	slots_.assign(size, npos);
	const std::size_t mask = size - 1;
	for (std::uint32_t index = 0; index < records_.size(); ++index) {
		std::size_t i = records_[index].hash & mask;
		while (slots_[i] != npos) {
			i = (i + 1) & mask;
		}
		slots_[i] = index;
	}
}

std::size_t SupporterDirectory::memoryBytes() const
{
	return records_.capacity() * sizeof(Record) + slots_.capacity() * sizeof(std::uint32_t) + pool_.bytesUsed();
}

void SupporterDirectory::clear()
{
	records_.clear();
	slots_.clear();
	pool_.clear();
	deadBytes_ = 0;
}

} // namespace livegifts

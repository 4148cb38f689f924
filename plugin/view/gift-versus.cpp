#include "view/gift-versus.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <sstream>

namespace livegifts::view {
namespace {

std::string trimmed(const std::string &text)
{
	const auto first = text.find_first_not_of(" \t\r");
	if (first == std::string::npos) {
		return {};
	}
	return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

} // namespace

std::vector<VersusSide> parseSides(const std::string &text)
{
	std::vector<VersusSide> sides;
	std::istringstream lines(text);
	std::string line;
	while (std::getline(lines, line) && sides.size() < kMaxVersusSides) {
		VersusSide side;
		const auto equals = line.find('=');
		if (equals != std::string::npos) {
			side.name = trimmed(line.substr(equals + 1));
			line.resize(equals);
		}
		std::istringstream ids(line);
		std::string id;
		while (std::getline(ids, id, ',')) {
			id = trimmed(id);
			if (!id.empty() &&
			    std::all_of(id.begin(), id.end(),
					[](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }) &&
			    id.size() < 16) {
				side.giftIds.push_back(std::strtoll(id.c_str(), nullptr, 10));
			}
		}
		if (!side.giftIds.empty()) {
			sides.push_back(std::move(side));
		}
	}
	return sides;
}

namespace {

bool sameGifts(const std::vector<VersusSide> &a, const std::vector<VersusSide> &b)
{
	return std::equal(a.begin(), a.end(), b.begin(), b.end(),
			  [](const VersusSide &x, const VersusSide &y) { return x.giftIds == y.giftIds; });
}

} // namespace

void GiftVersus::setSides(std::vector<VersusSide> sides)
{
	configuredSides_ = std::move(sides);
	if (configuredSides_ == sides_) {
		return;
	}
	if (sameGifts(configuredSides_, sides_)) {
		sides_ = configuredSides_; // new names: the votes stay theirs
		return;
	}
	if (phase_ == VersusPhase::Running || phase_ == VersusPhase::Paused) {
		return; // the round goes on with its sides; these apply from the next one
	}
	reset();
}

std::map<std::int64_t, std::int64_t> GiftVersus::coinsOf(const std::vector<GiftTotal> &totals) const
{
	std::map<std::int64_t, std::int64_t> coins;
	for (const VersusSide &side : sides_) {
		for (const std::int64_t id : side.giftIds) {
			coins[id] = 0;
		}
	}
	for (const GiftTotal &total : totals) {
		if (const auto found = coins.find(total.giftId); found != coins.end()) {
			found->second = total.coins;
		}
	}
	return coins;
}

void GiftVersus::start(const std::vector<GiftTotal> &totals, std::int64_t nowMs)
{
	if (phase_ == VersusPhase::Running) {
		return;
	}
	if (phase_ == VersusPhase::Finished || phase_ == VersusPhase::Idle) {
		reset();
		roundMs_ = durationMs_;
	}
	base_ = coinsOf(totals);
	seen_ = base_;
	startedAtMs_ = nowMs;
	phase_ = VersusPhase::Running;
}

void GiftVersus::stop(const std::vector<GiftTotal> &totals, std::int64_t nowMs)
{
	if (phase_ != VersusPhase::Running) {
		return;
	}
	count(totals);
	banked_ = votes_;
	elapsedBeforeMs_ += nowMs - startedAtMs_;
	phase_ = VersusPhase::Paused;
}

void GiftVersus::setStream(std::int64_t streamId)
{
	if (streamId == streamId_) {
		return;
	}
	if (phase_ == VersusPhase::Running && streamId_ != 0) {
		// A new stream's totals start from zero: what this one counted is kept, the new one counts whole.
		banked_ = votes_;
		for (auto &[id, coins] : base_) {
			coins = 0;
		}
		seen_ = base_;
	}
	streamId_ = streamId;
}

void GiftVersus::reset()
{
	sides_ = configuredSides_;
	votes_.assign(sides_.size(), 0);
	banked_.assign(sides_.size(), 0);
	base_.clear();
	seen_.clear();
	elapsedBeforeMs_ = 0;
	finishedAtMs_ = 0;
	phase_ = VersusPhase::Idle;
}

void GiftVersus::count(const std::vector<GiftTotal> &totals)
{
	const auto now = coinsOf(totals);
	// Totals below where counting began: the engine counts from less than before (the demo stream counts in
	// memory only, and OBS restarted). What the round counted stays; counting goes on from the totals now.
	const bool fewer = std::any_of(base_.begin(), base_.end(), [&](const auto &entry) {
		const auto found = now.find(entry.first);
		return found != now.end() && found->second < entry.second;
	});
	if (fewer) {
		banked_ = votes_;
		base_ = now;
	}
	for (std::size_t s = 0; s < sides_.size(); ++s) {
		std::int64_t sum = banked_[s];
		for (const std::int64_t id : sides_[s].giftIds) {
			const auto base = base_.find(id);
			const std::int64_t from = base == base_.end() ? 0 : base->second;
			sum += std::max<std::int64_t>(0, now.at(id) - from); // a new stream's totals start again
		}
		votes_[s] = sum;
	}
	seen_ = now;
}

bool GiftVersus::update(const std::vector<GiftTotal> &totals, std::int64_t nowMs)
{
	if (phase_ != VersusPhase::Running) {
		return false;
	}
	const std::vector<std::int64_t> before = votes_;
	count(totals);
	bool changed = votes_ != before;
	if (remainingMs(nowMs) <= 0) {
		finishedAtMs_ = startedAtMs_ + (roundMs_ - elapsedBeforeMs_);
		phase_ = VersusPhase::Finished;
		changed = true;
	}
	return changed;
}

std::vector<float> GiftVersus::shares() const
{
	std::vector<float> shares(sides_.size(), sides_.empty() ? 0.0f : 1.0f / static_cast<float>(sides_.size()));
	std::int64_t total = 0;
	for (const std::int64_t v : votes_) {
		total += v;
	}
	if (total > 0) {
		for (std::size_t s = 0; s < sides_.size(); ++s) {
			shares[s] = static_cast<float>(static_cast<double>(votes_[s]) / static_cast<double>(total));
		}
	}
	return shares;
}

std::int64_t GiftVersus::remainingMs(std::int64_t nowMs) const
{
	switch (phase_) {
	case VersusPhase::Idle:
		return durationMs_;
	case VersusPhase::Running:
		return std::max<std::int64_t>(0, roundMs_ - elapsedBeforeMs_ - (nowMs - startedAtMs_));
	case VersusPhase::Paused:
		return std::max<std::int64_t>(0, roundMs_ - elapsedBeforeMs_);
	case VersusPhase::Finished:
		break;
	}
	return 0;
}

int GiftVersus::winner() const
{
	if (phase_ != VersusPhase::Finished || votes_.empty()) {
		return -1;
	}
	const auto best = std::max_element(votes_.begin(), votes_.end());
	if (std::count(votes_.begin(), votes_.end(), *best) > 1) {
		return -1;
	}
	return static_cast<int>(best - votes_.begin());
}

std::string clockText(std::int64_t ms)
{
	const std::int64_t seconds = (std::max<std::int64_t>(ms, 0) + 999) / 1000;
	const std::int64_t rest = seconds % 60;
	return std::to_string(seconds / 60) + (rest < 10 ? ":0" : ":") + std::to_string(rest);
}

Rgba sideColor(const VersusStyle &style, std::size_t side)
{
	if (style.colors.empty()) {
		return Rgba{};
	}
	return style.colors[side % style.colors.size()];
}

std::size_t picturesOf(const VersusSide &side)
{
	return std::min(side.giftIds.size(), kMaxVersusPictures);
}

VersusLayout layOutVersus(const VersusStyle &style, const std::vector<std::string> &names,
			  const std::vector<std::string> &values, const std::string &centre,
			  const std::vector<std::size_t> &pictures)
{
	VersusLayout layout;
	const int line = style.font.pixelSize + 12;
	layout.barX = 0.0f;
	layout.barY = static_cast<float>(2 * line + 4);
	layout.barW = static_cast<float>(style.width);
	layout.barH = static_cast<float>(std::max(16, style.height - 3 * line - 8));
	const std::size_t n = names.size();
	if (n == 0) {
		return layout;
	}
	const int column = style.width / static_cast<int>(n);
	FontSpec small = style.font;
	small.pixelSize = std::max(8, style.font.pixelSize * 3 / 4);
	for (std::size_t s = 0; s < n; ++s) {
		// Two sides face each other (left and right); more sides share the width in columns.
		const HAlign align = n == 2 ? (s == 0 ? HAlign::Left : HAlign::Right) : HAlign::Center;
		TextItem name;
		name.text = names[s];
		name.font = style.font;
		name.color = style.textColor;
		name.x = static_cast<int>(s) * column;
		name.width = column;
		name.height = line;
		name.align = align;
		name.effects = style.effects;
		// The side's picture(s) span the name's and the votes' lines, on the side's outer edge (left in
		// columns): one gift as large as both lines, a team's up to three smaller in a row.
		const std::size_t count = s < pictures.size() ? std::min(pictures[s], kMaxVersusPictures) : 0;
		if (count > 0) {
			const int box = std::max(8, 2 * line - 8);
			int size = count == 1 ? box : box * 2 / 3;
			const int gap = 4;
			std::size_t shown = count;
			while (shown > 1 && static_cast<int>(shown) * (size + gap) > column / 2) {
				--shown; // a narrow column keeps the first gifts only
			}
			if (shown == 1) {
				size = std::min(box, column / 2 - gap);
			}
			const int row = static_cast<int>(shown) * (size + gap);
			const bool right = align == HAlign::Right;
			const int left = right ? name.x + column - row + gap : name.x;
			for (std::size_t i = 0; i < shown; ++i) {
				VersusPicture picture;
				picture.side = s;
				picture.index = i;
				picture.size = size;
				picture.x = left + static_cast<int>(i) * (size + gap);
				picture.y = 4 + (box - size) / 2;
				layout.pictures.push_back(picture);
			}
			name.width = column - row - gap;
			if (!right) {
				name.x += row + gap;
			}
		}
		TextItem value = name;
		value.text = s < values.size() ? values[s] : std::string();
		value.font = small;
		value.color = sideColor(style, s);
		value.y = line;
		layout.texts.push_back(std::move(name));
		layout.texts.push_back(std::move(value));
	}
	TextItem timer;
	timer.text = centre;
	timer.font = style.font;
	timer.color = style.textColor;
	timer.y = static_cast<int>(layout.barY + layout.barH) + 4;
	timer.width = style.width;
	timer.height = line;
	timer.align = HAlign::Center;
	timer.effects = style.effects;
	layout.texts.push_back(std::move(timer));
	return layout;
}

} // namespace livegifts::view

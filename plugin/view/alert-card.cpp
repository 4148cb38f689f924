#include "view/alert-card.hpp"

#include "core/recipient.hpp"

#include <algorithm>

namespace livegifts::view {

const Accent &accentOf(const AlertStyle &style, int tier)
{
	if (tier < 0 || tier > kAlertTierCount) {
		return style.accents[0];
	}
	return style.accents[static_cast<size_t>(tier)];
}

Rgba cardTint(const AlertStyle &style, int tier)
{
	return cardTint(style, accentOf(style, tier));
}

Rgba cardTint(const AlertStyle &style, const Accent &accent)
{
	Rgba tint = mix(style.background, accent.end, 0.28f);
	tint.a = style.background.a; // a see-through card stays see-through
	return tint;
}

std::array<PlateBox, 2> cardPlate(const AlertStyle &style, const Accent &accent)
{
	const auto w = static_cast<float>(style.width);
	const auto h = static_cast<float>(style.height);
	const auto box = [](float x, float y, float bw, float bh, float radius, Rgba start, Rgba end) {
		return PlateBox{x,     y,  bw, bh, std::clamp(radius, 0.0f, std::max(0.0f, std::min(bw, bh) / 2.0f)),
				start, end};
	};
	const float inset = std::max(style.radius, 8.0f);
	return {box(0.0f, 0.0f, w, h, style.radius, style.background, cardTint(style, accent)),
		box(inset, h - 10.0f, w - 2.0f * inset, 6.0f, 3.0f, accent.start, accent.end)};
}

CardLayout layOut(const AlertStyle &style)
{
	return layOut(style, true);
}

CardLayout layOut(const AlertStyle &style, bool withGift)
{
	CardLayout layout;
	const int w = style.width;
	const int h = style.height;
	layout.pad = std::max(4, h / 10);
	const int p = layout.pad;
	const int inner = std::max(8, h - 2 * p);
	int left = p;
	if (style.showAvatars) {
		layout.avatarX = p;
		layout.avatarY = p;
		layout.avatarSize = inner;
		left = p + inner + p;
	}
	int right = w - p;
	if (!withGift) {
		layout.textX = left;
		layout.textW = std::max(8, right - left);
		return layout;
	}
	if (style.showGiftImages) {
		layout.giftSize = inner;
		layout.giftX = w - p - inner;
		layout.giftY = p;
		right = layout.giftX - p;
		// The combo count sits on the lower part of the gift picture, right-aligned.
		layout.comboW = inner + p + p / 2;
		layout.comboH = inner / 2 + p / 2;
		layout.comboX = w - p / 2 - layout.comboW;
		layout.comboY = h - p / 2 - layout.comboH;
	} else {
		layout.comboW = std::max(24, h * 9 / 10);
		layout.comboH = inner;
		layout.comboX = w - p - layout.comboW;
		layout.comboY = p;
		right = layout.comboX - p / 2;
	}
	layout.textX = left;
	layout.textW = std::max(8, right - left);
	return layout;
}

namespace {

void fillBattle(CardContent &content, const BattleState &battle, const std::string &side)
{
	const BattleSides sides = battleSides(battle.teams, side);
	content.battleOutcome = battleOutcome(battle, side);
	content.battlePoints = sides.ourPoints;
	content.battleOpponent = sides.theirPoints;
}

} // namespace

std::int64_t shownCount(const Alert &alert)
{
	const GiftActivity &gift = alert.gift;
	if (alert.coalesced > 0 && !alert.mixed && gift.kind == ActivityKind::Gift && gift.diamondCount > 0) {
		// One viewer's gifts of one kind merged (nine Roses sent one by one): their count, as their coins say.
		return (gift.coins + alert.extraCoins) / gift.diamondCount;
	}
	return gift.count;
}

CardContent contentOf(const Alert &alert)
{
	CardContent content;
	const GiftActivity &gift = alert.gift;
	content.alertId = alert.id;
	content.nickname = gift.nickname.empty() ? gift.userId : gift.nickname;
	content.userId = gift.userId;
	if (gift.recipient == RecipientKind::Guest) {
		content.recipient = recipientLabel(gift.recipientUniqueId, gift.recipientNickname, gift.recipientId);
	}
	content.avatarUrl = gift.avatarUrl;
	content.giftName = gift.giftName;
	content.giftImageUrl = gift.giftImageUrl;
	content.count = shownCount(alert);
	content.coins = gift.coins + alert.extraCoins;
	content.diamonds = gift.diamondCount;
	content.coalesced = alert.coalesced;
	content.tier = alert.tier;
	content.kind = gift.kind;
	content.rule = gift.kind == ActivityKind::Gift ? alert.rule : -1;
	content.milestone = alert.milestone;
	content.likeTotal = gift.likeTotal;
	content.custom = alert.custom;
	if (gift.kind == ActivityKind::BattleResult) {
		fillBattle(content, gift.battle, {});
		if (content.nickname.empty()) {
			content.nickname = "\u2694\uFE0F"; // crossed swords: the avatar disc of a battle, no one's
		}
	}
	return content;
}

CardContent contentOf(const Alert &alert, const AlertStyle &style)
{
	CardContent content = contentOf(alert);
	if (const CardLook *look = lookOf(style, content); look != nullptr && content.rule >= 0) {
		content.rulePicture = look->picture;
	}
	if (content.kind == ActivityKind::BattleResult) {
		// No side set: the host the gifts taught (else the side listed first).
		fillBattle(content, alert.gift.battle,
			   style.battleSide.empty() ? alert.gift.battleHostSide : style.battleSide);
		const BattleOutcome outcome = content.battleOutcome;
		const std::size_t index = outcome == BattleOutcome::Win ? 0 : outcome == BattleOutcome::Lose ? 1 : 2;
		content.battleResult = style.battleResults[index];
	}
	return content;
}

bool showsGift(const CardContent &content)
{
	return content.kind == ActivityKind::Gift && content.custom.empty();
}

const std::string &giftPicture(const CardContent &content)
{
	return content.rulePicture.empty() ? content.giftImageUrl : content.rulePicture;
}

std::string avatarShown(const AlertStyle &style, const CardContent &content)
{
	return style.showAvatars ? content.avatarUrl : std::string();
}

std::string giftPictureShown(const AlertStyle &style, const CardContent &content)
{
	return style.showGiftImages && showsGift(content) ? giftPicture(content) : std::string();
}

bool giftPictureIsLocal(const CardContent &content)
{
	return !content.rulePicture.empty();
}

const CardLook *lookOf(const AlertStyle &style, const CardContent &content)
{
	if (const int index = eventIndex(content.kind); index >= 0) {
		return &style.events[static_cast<size_t>(index)];
	}
	if (content.rule >= 0 && static_cast<size_t>(content.rule) < style.rules.size()) {
		return &style.rules[static_cast<size_t>(content.rule)];
	}
	return nullptr;
}

Accent accentFor(const AlertStyle &style, const CardContent &content)
{
	const CardLook *look = lookOf(style, content);
	return look != nullptr ? look->accent : accentOf(style, content.tier);
}

bool sameShown(const Alert &alert, const CardContent &content)
{
	return alert.id == content.alertId && shownCount(alert) == content.count &&
	       alert.gift.coins + alert.extraCoins == content.coins && alert.coalesced == content.coalesced &&
	       alert.tier == content.tier && alert.milestone == content.milestone &&
	       (alert.gift.kind == ActivityKind::Gift ? alert.rule : -1) == content.rule;
}

CardChanges cardChanges(const CardContent &shown, const CardContent &next, bool newAlert, bool restyled)
{
	const bool first = shown.alertId == 0;
	const bool avatarChanged = restyled || next.avatarUrl != shown.avatarUrl || next.nickname != shown.nickname ||
				   next.userId != shown.userId;
	const bool giftChanged = restyled || giftPicture(next) != giftPicture(shown) ||
				 next.giftName != shown.giftName || showsGift(next) != showsGift(shown);
	CardChanges changes;
	changes.pictures = avatarChanged || giftChanged || first;
	changes.card = changes.pictures || next.tier != shown.tier || next.rule != shown.rule ||
		       next.kind != shown.kind || next.custom != shown.custom;
	changes.combo = restyled || first;
	changes.pulse = !newAlert && next.count > shown.count;
	return changes;
}

TemplateVars varsOf(const CardContent &content, const Wording &words)
{
	TemplateVars vars;
	vars.set("nickname", content.nickname);
	vars.set("user", content.userId);
	vars.set("recipient", content.recipient);
	vars.set("gift", content.giftName);
	vars.set("count", words.number(content.count));
	vars.set("coins", words.number(content.coins));
	vars.set("diamonds", words.number(content.diamonds));
	vars.set("others", words.number(content.coalesced));
	vars.set("count_text", words.counted(Noun::Gift, content.count));
	vars.set("coins_text", words.counted(Noun::Coin, content.coins));
	vars.set("diamonds_text", words.counted(Noun::Diamond, content.diamonds));
	vars.set("others_text", words.counted(Noun::Gift, content.coalesced));
	vars.set("likes", words.number(content.milestone));
	vars.set("total", words.number(content.likeTotal));
	vars.set("result", content.battleResult);
	vars.set("points", words.number(content.battlePoints));
	vars.set("opponent_points", words.number(content.battleOpponent));
	return vars;
}

std::vector<TextItem> textItems(const AlertStyle &style, const CardLayout &layout, const CardContent &content)
{
	const TemplateVars vars = varsOf(content, style.words);
	const int inner = style.height - 2 * layout.pad;
	const int row1 = inner * 2 / 5;
	const int row = (inner - row1) / 2;
	FontSpec small = style.font;
	small.pixelSize = std::max(8, style.font.pixelSize * 3 / 4);

	const CardLook *look = lookOf(style, content);
	const bool own = look != nullptr && content.rule < 0; // a kind's look has all three lines its own
	auto line = [&](const std::string &source, const std::string CardLook::*field) -> const std::string & {
		if (look == nullptr || (!own && (look->*field).empty())) {
			return source;
		}
		return look->*field;
	};
	// A show rule's card: its own lines ("first | second | third"), none of the source's.
	const bool custom = !content.custom.empty();
	const std::array<std::string, 3> ruleLines = customLines(content.custom);
	TextItem first{renderTemplate(custom ? ruleLines[0] : line(style.line1, &CardLook::line1), vars), style.font,
		       style.textColor};
	first.x = layout.textX;
	first.y = layout.pad;
	first.width = layout.textW;
	first.height = row1;
	TextItem second{renderTemplate(custom ? ruleLines[1] : line(style.line2, &CardLook::line2), vars), small,
			style.secondaryColor};
	second.x = layout.textX;
	second.y = layout.pad + row1;
	second.width = layout.textW;
	second.height = row;
	TextItem third{renderTemplate(custom ? ruleLines[2] : line(style.line3, &CardLook::line3), vars), small,
		       accentFor(style, content).start};
	third.x = layout.textX;
	third.y = layout.pad + row1 + row;
	third.width = layout.textW;
	third.height = row;
	first.effects = second.effects = third.effects = style.effects;
	return {first, second, third};
}

std::array<std::string, 3> customLines(const std::string &text)
{
	std::array<std::string, 3> lines;
	std::size_t start = 0;
	for (std::size_t i = 0; i < lines.size(); ++i) {
		const std::size_t bar = i + 1 < lines.size() ? text.find('|', start) : std::string::npos;
		std::string part = text.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
		const auto first = part.find_first_not_of(' ');
		const auto last = part.find_last_not_of(' ');
		lines[i] = first == std::string::npos ? std::string() : part.substr(first, last - first + 1);
		if (bar == std::string::npos) {
			break;
		}
		start = bar + 1;
	}
	return lines;
}

TextItem comboItem(const AlertStyle &style, const CardLayout &layout, const CardContent &content)
{
	TextItem item{showsGift(content)
			  ? renderTemplate(style.combo, varsOf(content, style.words), TemplateOptions{false, 0})
			  : std::string(),
		      style.font, style.textColor};
	item.font.pixelSize = std::max(10, layout.comboH * 3 / 5);
	item.font.bold = true;
	item.font.italic = true;
	item.x = layout.comboX;
	item.y = layout.comboY;
	item.width = layout.comboW;
	item.height = layout.comboH;
	item.align = HAlign::Right;
	item.effects = style.effects;
	return item;
}

GiftActivity testGift(uint64_t seq, int number, std::string nickname, int64_t minCoins)
{
	GiftActivity gift;
	gift.seq = seq;
	gift.streakKey = "test:" + std::to_string(number);
	gift.userId = "live_gifts_test";
	gift.nickname = std::move(nickname);
	gift.giftId = 5655;
	gift.giftName = "Rose";
	gift.diamondCount = std::max<int64_t>(1, minCoins);
	gift.count = 1;
	gift.coins = gift.diamondCount;
	return gift;
}

} // namespace livegifts::view

#include "view/top-supporters.hpp"

#include "view/template.hpp"
#include "view/text-fit.hpp"

#include <algorithm>

namespace livegifts::view {

RowLayout layOut(const TopStyle &style)
{
	RowLayout layout;
	const int w = style.width;
	const int r = style.rowHeight;
	layout.pad = std::max(3, r / 8);
	const int p = layout.pad;
	layout.pitch = r + style.rowGap;
	layout.headerHeight = style.title.empty() ? 0 : r * 3 / 4 + style.rowGap;
	layout.rankX = p / 2;
	layout.rankW = std::max(16, r * 3 / 4);
	int x = layout.rankX + layout.rankW;
	if (style.showAvatars) {
		layout.avatarSize = std::max(8, r - 2 * p);
		layout.avatarX = x;
		layout.avatarY = (r - layout.avatarSize) / 2;
		x += layout.avatarSize + p;
	}
	layout.coinsW = std::max(40, w * 26 / 100);
	layout.coinsX = w - p - layout.coinsW;
	layout.nameX = x;
	layout.nameW = std::max(8, layout.coinsX - p / 2 - x);
	if (style.showBars) {
		layout.barH = std::max(4, r / 9);
		layout.barY = r - p - layout.barH;
		layout.barX = x;
		layout.barW = std::max(8, w - p - x);
		layout.textY = p / 2;
		layout.textH = std::max(8, layout.barY - p / 2 - layout.textY);
	} else {
		layout.textY = 0;
		layout.textH = r;
	}
	return layout;
}

int listHeight(const TopStyle &style, const RowLayout &layout)
{
	return layout.headerHeight + style.count * style.rowHeight + (style.count - 1) * style.rowGap;
}

std::vector<TextItem> rowTexts(const TopStyle &style, const RowLayout &layout, const RowContent &content)
{
	TextItem rank{std::to_string(content.rank), style.font,
		      content.rank >= 1 && content.rank <= 3 ? style.medals[content.rank - 1] : style.textColor};
	rank.font.bold = true;
	rank.x = layout.rankX;
	rank.y = 0;
	rank.width = layout.rankW;
	rank.height = style.rowHeight;
	rank.align = HAlign::Center;

	TextItem name{viewerName(content.nickname), style.font, style.textColor};
	name.x = layout.nameX;
	name.y = layout.textY;
	name.width = layout.nameW;
	name.height = layout.textH;

	const TemplateVars vars = amountVars(style.words, style.rankBy, content);
	TextItem coins{renderTemplate(style.coinsFormat, vars, TemplateOptions{false, 0}), style.font,
		       style.coinsColor};
	std::string shorter = renderTemplate(style.coinsFormat, amountVars(style.words, style.rankBy, content, true),
					     TemplateOptions{false, 0});
	if (shorter != coins.text) {
		coins.shorter = std::move(shorter);
	}
	coins.font.pixelSize = std::max(8, style.font.pixelSize * 17 / 20);
	coins.x = layout.coinsX;
	coins.y = layout.textY;
	coins.width = layout.coinsW;
	coins.height = layout.textH;
	coins.align = HAlign::Right;
	rank.effects = name.effects = coins.effects = style.effects;
	return {rank, name, coins};
}

void fitAmount(std::vector<TextItem> &texts, const MeasureText &measure)
{
	if (texts.size() >= 2) {
		fitWhole(&texts[texts.size() - 2], texts.back(), measure);
	}
}

RowAmounts amountsShown(const TopStyle &style)
{
	const std::string &format = style.coinsFormat;
	// {amount} reads the measure ranked by, which the bar shows already.
	RowAmounts shown;
	shown.coins = style.rankBy == RankBy::Coins || format.find("{coins") != std::string::npos;
	shown.gifts = style.rankBy == RankBy::Gifts || format.find("{gifts") != std::string::npos;
	shown.likes = style.rankBy == RankBy::Likes || format.find("{likes") != std::string::npos;
	return shown;
}

RowContent rowContentOf(const SupporterEntry &entry, size_t rank, RowAmounts amounts)
{
	RowContent content;
	content.rank = rank;
	content.nickname = entry.shownName();
	content.avatarUrl = entry.avatarUrl;
	content.coins = amounts.coins ? entry.coins : 0;
	content.gifts = amounts.gifts ? entry.gifts : 0;
	content.likes = amounts.likes ? entry.likes : 0;
	return content;
}

TemplateVars amountVars(const Wording &words, RankBy by, const RowContent &content, bool compact)
{
	TemplateVars vars;
	vars.set("coins", words.number(content.coins, compact));
	vars.set("coins_text", words.counted(Noun::Coin, content.coins, compact));
	vars.set("gifts", words.number(content.gifts, compact));
	vars.set("gifts_text", words.counted(Noun::Gift, content.gifts, compact));
	vars.set("likes", words.number(content.likes, compact));
	vars.set("likes_text", words.counted(Noun::Like, content.likes, compact));
	const Noun noun = by == RankBy::Gifts ? Noun::Gift : by == RankBy::Likes ? Noun::Like : Noun::Coin;
	const int64_t amount = by == RankBy::Gifts   ? content.gifts
			       : by == RankBy::Likes ? content.likes
						     : content.coins;
	vars.set("amount", words.number(amount, compact));
	vars.set("amount_text", words.counted(noun, amount, compact));
	return vars;
}

TextItem titleItem(const TopStyle &style, const RowLayout &layout)
{
	TextItem title{sanitizeUserText(style.title), style.font, style.textColor};
	title.x = layout.pad / 2;
	title.width = style.width - layout.pad;
	title.height = std::max(0, layout.headerHeight - style.rowGap);
	title.effects = style.effects;
	return title;
}

float barFraction(int64_t coins, int64_t leaderCoins)
{
	const int64_t leader = std::max<int64_t>(1, leaderCoins);
	const auto bar = static_cast<float>(static_cast<double>(coins) / static_cast<double>(leader));
	return std::clamp(bar, 0.0f, 1.0f);
}

float liftOffset(const RowLayout &layout, float lift)
{
	return lift * static_cast<float>(layout.pad) * 1.5f;
}

} // namespace livegifts::view

// live-gifts paint benchmark: prints figures, passes or fails nothing.
//   What the raster worker spends painting an alert card, a Top Supporters row and a Goal Bar's texts, with
//   the functions the sources call (composeCard, composeRow, rasterizeText), for Latin, Arabic, CJK, emoji
//   with ZWJ sequences and a 120-character nickname, at the default outline width (2) and the thickest the
//   settings allow (10). Per case: median and p99 ms (CPU time of this thread, so other programs on a shared
//   machine count less), and the part of it in outlineOf and paintedBounds, timed apart on the same case's
//   text coverage and canvas (as raster.cpp calls them: one outline, two card-sized bounds scans).
// Usage: QT_QPA_PLATFORM=offscreen live_gifts_paint_bench [--rounds N] [--only SUBSTRING]
//   For repeatable instruction counts on a busy machine:
//   valgrind --tool=callgrind live_gifts_paint_bench --rounds 3, then callgrind_annotate --inclusive=yes.
#include "obs/render/alert-card-image.hpp"
#include "obs/render/raster-image.hpp"
#include "obs/render/scratch.hpp"
#include "obs/render/supporter-row-image.hpp"
#include "obs/render/text-outline.hpp"

#include "view/alert-card.hpp"
#include "view/goal-bar.hpp"
#include "view/top-supporters.hpp"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sys/resource.h>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace livegifts;

namespace {

double threadCpuMs()
{
	timespec ts{};
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

// The part of this thread's CPU time spent in the kernel (page faults of fresh canvases, mostly).
double threadKernelMs()
{
	rusage usage{};
	getrusage(RUSAGE_THREAD, &usage);
	return static_cast<double>(usage.ru_stime.tv_sec) * 1e3 + static_cast<double>(usage.ru_stime.tv_usec) * 1e-3;
}

struct Name {
	const char *label;
	std::string text;
};

std::vector<Name> names()
{
	std::string longName;
	while (longName.size() < 120) {
		longName += "StreamFan_";
	}
	longName.resize(120);
	return {{"latin", "Layla Haddad"},
		{"arabic", "ليلى حداد"},
		{"cjk", "小龍包の配信 응원단"},
		{"emoji-zwj", "👩‍👩‍👧‍👦 Fam 🏳️‍🌈🧑🏽‍🚀"},
		{"long-120", longName}};
}

struct Figures {
	double median = 0.0;
	double p99 = 0.0;
	double kernel = 0.0; // mean ms in the kernel
};

Figures timeIt(int rounds, const std::function<void()> &work)
{
	work(); // warm: fonts found, glyphs cached, as on a worker that has painted before
	std::vector<double> ms;
	const double kernelStart = threadKernelMs();
	for (int i = 0; i < rounds; ++i) {
		const double start = threadCpuMs();
		work();
		ms.push_back(threadCpuMs() - start);
	}
	const double kernel = (threadKernelMs() - kernelStart) / rounds;
	std::sort(ms.begin(), ms.end());
	const auto at = [&ms](double q) {
		return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size() - 1) + 0.5))];
	};
	return {at(0.5), at(0.99), kernel};
}

// The coverage raster.cpp grows the outline from: the items painted opaque with no effects.
QImage coverageOf(std::vector<view::TextItem> items, int w, int h)
{
	for (view::TextItem &item : items) {
		item.color = view::Rgba{255, 255, 255, 255};
		item.effects = {};
		item.shadow = false;
	}
	QImage coverage(w, h, QImage::Format_ARGB32_Premultiplied);
	coverage.fill(Qt::transparent);
	const auto painted = obs::rasterizeText(items, w, h);
	if (!painted->empty()) {
		const QImage part(painted->rgba.data(), painted->width, painted->height, painted->width * 4,
				  QImage::Format_RGBA8888_Premultiplied);
		QPainter painter(&coverage);
		painter.drawImage(painted->x, painted->y, part);
	}
	return coverage;
}

struct Case {
	std::string label;
	std::function<void()> paint;
	std::vector<view::TextItem> texts;
	int width = 0, height = 0;
	int outline = 0;
};

void run(const Case &c, int rounds)
{
	const Figures total = timeIt(rounds, c.paint);
	const double keptKb = static_cast<double>(obs::scratchKeptBytes()) / 1024.0;
	obs::releaseScratch(); // each case from its own kept canvases
	const QImage coverage = coverageOf(c.texts, c.width, c.height);
	const Figures outline = timeIt(rounds, [&] {
		(void)obs::outlineOf(coverage, c.outline, view::Rgba{0, 0, 0, 180});
	});
	const Figures bounds = timeIt(rounds, [&] {
		(void)obs::paintedBounds(coverage);
		(void)obs::paintedBounds(coverage);
	});
	std::printf("%-28s %8.2f %8.2f %8.2f %8.0f   %8.2f (%3.0f%%) %8.2f (%3.0f%%)\n", c.label.c_str(), total.median,
		    total.p99, total.kernel, keptKb, outline.median, 100.0 * outline.median / total.median,
		    bounds.median, 100.0 * bounds.median / total.median);
}

view::TextEffects outlined(int width)
{
	view::TextEffects effects;
	effects.outlineWidth = width;
	effects.outlineColor = view::Rgba{0, 0, 0, 180};
	return effects;
}

view::FontSpec noto(int size)
{
	view::FontSpec font;
	font.family = "Noto Sans";
	font.pixelSize = size;
	font.bold = true;
	return font;
}

std::vector<Case> cards(int outline)
{
	view::AlertStyle style;
	style.font = noto(36);
	style.background = view::Rgba{20, 20, 28, 220};
	style.textColor = view::Rgba{255, 255, 255, 255};
	style.secondaryColor = view::Rgba{255, 214, 102, 255};
	style.line1 = "{nickname}";
	style.line2 = "sent {count}× {gift}";
	style.line3 = "{coins_text}";
	style.effects = outlined(outline);
	const view::CardLayout layout = view::layOut(style, true);
	std::vector<Case> result;
	for (const Name &name : names()) {
		view::CardContent content;
		content.alertId = 1;
		content.nickname = name.text;
		content.userId = "user-" + std::string(name.label);
		content.giftName = "Rose";
		content.count = 5;
		content.coins = 5;
		std::vector<view::TextItem> texts = view::textItems(style, layout, content);
		obs::CardJob job = obs::cardJobOf(style, layout, texts, content, nullptr, nullptr);
		// A new card: nothing kept from the card before.
		result.push_back({std::string("card ") + name.label + " w" + std::to_string(outline),
				  [job] {
					  obs::releaseKeptCard();
					  (void)obs::composeCard(job);
				  },
				  texts, style.width, style.height, outline});
		// The next step of its streak (6, then 5 again...): only the text is painted on the kept card.
		content.count = content.coins = 6;
		obs::CardJob next =
		    obs::cardJobOf(style, layout, view::textItems(style, layout, content), content, nullptr, nullptr);
		result.push_back({std::string("card step ") + name.label + " w" + std::to_string(outline),
				  [job, next, odd = std::make_shared<bool>(false)] {
					  *odd = !*odd;
					  (void)obs::composeCard(*odd ? next : job);
				  },
				  texts, style.width, style.height, outline});
	}
	return result;
}

std::vector<Case> rows(int outline)
{
	view::TopStyle style;
	style.font = noto(28);
	style.coinsFormat = "{amount_text}";
	style.rowColor = view::Rgba{20, 20, 28, 200};
	style.trackColor = view::Rgba{255, 255, 255, 40};
	style.effects = outlined(outline);
	const view::RowLayout layout = view::layOut(style);
	std::vector<Case> result;
	for (const Name &name : names()) {
		view::RowContent content;
		content.rank = 2;
		content.nickname = name.text;
		content.coins = 46810;
		result.push_back(
		    {std::string("row ") + name.label + " w" + std::to_string(outline),
		     [=] {
			     (void)obs::composeRow(style, layout, content, nullptr, view::Rgba{90, 120, 200, 255});
		     },
		     view::rowTexts(style, layout, content), style.width, style.rowHeight, outline});
	}
	return result;
}

std::vector<Case> goals(int outline)
{
	view::GoalBarStyle style;
	style.font = noto(34);
	style.valueFormat = "{current} / {target}";
	style.effects = outlined(outline);
	std::vector<Case> result;
	for (const Name &name : names()) {
		view::GoalValues values;
		values.title = name.text;
		values.current = 570;
		values.target = 1000;
		values.fraction = 0.57;
		const std::vector<view::TextItem> texts = view::layOut(style, values).texts;
		result.push_back({std::string("goal ") + name.label + " w" + std::to_string(outline),
				  [=] { (void)obs::rasterizeText(texts, style.width, style.height); }, texts,
				  style.width, style.height, outline});
	}
	return result;
}

} // namespace

int main(int argc, char **argv)
{
	int rounds = 40;
	std::string only;
	for (int i = 1; i < argc; ++i) {
		if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
			rounds = std::max(1, std::atoi(argv[++i]));
		} else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
			only = argv[++i];
		}
	}
	QGuiApplication app(argc, argv);
	std::printf("ms per item (thread CPU), %d rounds; outlineOf and 2x paintedBounds timed apart\n", rounds);
	std::printf("%-28s %8s %8s %8s %8s   %15s %15s\n", "case", "median", "p99", "kernel", "kept KB", "outlineOf",
		    "paintedBounds");
	// On a thread of its own, as the module's raster worker paints (its own heap arena, not the main one).
	std::thread painter([&] {
		for (int width : {2, 10}) {
			for (const auto &group : {cards(width), rows(width), goals(width)}) {
				for (const Case &c : group) {
					if (only.empty() || c.label.find(only) != std::string::npos) {
						run(c, rounds);
					}
				}
			}
		}
	});
	painter.join();
	return 0;
}

#pragma once

// Gift vs Gift: two or more sides, each one gift or a team of gifts (by gift id); every coin sent with a
// side's gift while the round runs is one vote for it. A round has a timer (start, stop, reset); when the
// time is up the side with the most coins wins (equal: a tie) and the bar celebrates it.

#include "core/snapshot.hpp"
#include "view/draw-types.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace livegifts::view {

struct VersusSide {
	std::string name; // empty: the first gift's name
	std::vector<std::int64_t> giftIds;
	bool operator==(const VersusSide &) const = default;
};

// One side a line: gift ids separated by commas, optionally "= name" ("5655 = Roses", "6369, 7934 = Team
// Lion"). Lines without a valid id are skipped; at most kMaxVersusSides sides.
std::vector<VersusSide> parseSides(const std::string &text);
constexpr std::size_t kMaxVersusSides = 6;

enum class VersusPhase { Idle, Running, Paused, Finished };
constexpr float kVersusCelebrateSeconds = 4.0f;

// A round as it is kept with its source (OBS writes the source's settings into the scene collection) and
// restored when the source is created again, after a restart too. Times are on the wall clock
// (milliseconds since the epoch): a round goes on to the same end however long OBS was closed.
struct VersusSaved {
	std::vector<VersusSide> sides; // the round's sides: a round of other sides is not restored
	VersusPhase phase = VersusPhase::Idle;
	std::int64_t durationMs = 0;
	std::vector<std::int64_t> votes;           // by side, as last counted
	std::vector<std::int64_t> banked;          // by side, votes of the stream or run before this one
	std::map<std::int64_t, std::int64_t> base; // each gift's coins in stream `streamId` when counting began
	std::int64_t streamId = 0;                 // the engine's stream the base belongs to
	// Each gift's coins in that stream when the votes were last counted; a restore counts on from these (and
	// from the totals then when they are fewer: the stream's totals began again). Empty in older saves.
	std::map<std::int64_t, std::int64_t> seen;
	std::int64_t remainingMs = 0;  // Paused: time left
	std::int64_t endsAtWallMs = 0; // Running: when the time is up
	bool operator==(const VersusSaved &) const = default;
};
// As JSON text (a version, then the fields) and back; nullopt for text that is not a saved round.
std::string versusToJson(const VersusSaved &saved);
std::optional<VersusSaved> versusFromJson(const std::string &text);

class GiftVersus {
public:
	// The sides from the settings. A round under way (running or paused) keeps its own sides, votes and end:
	// other gifts apply from the next round (after it finishes and starts again, or a reset); new names for
	// the same gifts apply at once. Idle or finished, the sides apply at once (a finished round goes idle).
	void setSides(std::vector<VersusSide> sides);
	// The length of the next round; a round under way keeps the length it started with.
	void setDuration(std::int64_t ms) { durationMs_ = ms; }

	// Starts (or resumes after stop) a round at `nowMs`: coins counted from the gifts' totals from now on.
	void start(const std::vector<GiftTotal> &totals, std::int64_t nowMs);
	// Pauses the timer and the counting (start resumes both; after a finished round, start begins anew).
	void stop(const std::vector<GiftTotal> &totals, std::int64_t nowMs);
	// Back to Idle with no votes, with the settings' sides.
	void reset();
	// The engine's stream the totals belong to (before update). When a new stream starts mid-round, the
	// votes so far are kept and the new stream's gifts count from zero.
	void setStream(std::int64_t streamId);
	// The round to keep (`nowMs` on this object's clock, `wallMs` the wall clock at the same moment).
	VersusSaved saved(std::int64_t nowMs, std::int64_t wallMs) const;
	// Takes a kept round back when it has the settings' sides, or is under way (running or paused: with its own
	// sides, the settings' apply from the next round); false, nothing changed, otherwise. Call after setSides,
	// setDuration and setStream. Its votes count on from the engine's totals: of the same stream exactly from
	// where they began (a gift counted after the round was kept counts too, a duplicate never), of another
	// stream from zero. A running round ends at the same time on the wall clock: one whose time ran out
	// while OBS was closed finishes at the next update (once); a finished one shows its winner again
	// without finishing again.
	bool restore(const VersusSaved &saved, std::int64_t nowMs, std::int64_t wallMs);
	// Counts the totals into the votes while running and ends the round when its time is up. True when the
	// votes or the phase changed.
	bool update(const std::vector<GiftTotal> &totals, std::int64_t nowMs);

	VersusPhase phase() const { return phase_; }
	bool running() const { return phase_ == VersusPhase::Running; }
	const std::vector<VersusSide> &sides() const { return sides_; }
	// Coins of each side this round.
	const std::vector<std::int64_t> &votes() const { return votes_; }
	// Each side's share of the bar (0..1, summing to 1; equal shares before any vote).
	std::vector<float> shares() const;
	// Milliseconds left (the whole duration while idle).
	std::int64_t remainingMs(std::int64_t nowMs) const;
	// The winning side when finished, -1 before or on a tie.
	int winner() const;
	// When the round finished (engine of the source's clock), for the celebration.
	std::int64_t finishedAtMs() const { return finishedAtMs_; }

private:
	void count(const std::vector<GiftTotal> &totals);
	std::map<std::int64_t, std::int64_t> coinsOf(const std::vector<GiftTotal> &totals) const;

	std::vector<VersusSide> sides_;             // the round's (shown)
	std::vector<VersusSide> configuredSides_;   // the settings' (the next round's)
	std::vector<std::int64_t> votes_;           // this round, by side
	std::vector<std::int64_t> banked_;          // votes of earlier runs of this round (before a stop)
	std::map<std::int64_t, std::int64_t> base_; // each gift's coins when the round (re)started
	std::map<std::int64_t, std::int64_t> seen_; // each gift's coins when the votes were last counted
	std::int64_t durationMs_ = 60'000;          // the settings' (the next round's)
	std::int64_t roundMs_ = 60'000;             // the round's length, set when it starts
	std::int64_t elapsedBeforeMs_ = 0;          // time run before the last stop
	std::int64_t startedAtMs_ = 0;
	std::int64_t finishedAtMs_ = 0;
	std::int64_t streamId_ = 0; // the stream base_ belongs to
	VersusPhase phase_ = VersusPhase::Idle;
};

// "1:05" (minutes:seconds, rounded up), "0:00" at the end.
std::string clockText(std::int64_t ms);

// Where the bar and texts go in a (width x height) source: each side's gift picture(s) beside its name and
// votes over the bar, the timer centred under it.
struct VersusPicture {
	std::size_t side = 0;  // which side
	std::size_t index = 0; // which of the side's gifts (a team shows a small row)
	int x = 0, y = 0, size = 0;
	bool operator==(const VersusPicture &) const = default;
};
struct VersusLayout {
	float barX = 0, barY = 0, barW = 0, barH = 0;
	std::vector<TextItem> texts;
	std::vector<VersusPicture> pictures;
};
// How many pictures a side of `gifts` gifts shows: its first gift alone, a team up to three in a row.
constexpr std::size_t kMaxVersusPictures = 3;
std::size_t picturesOf(const VersusSide &side);
struct VersusStyle {
	int width = 800;
	int height = 140;
	FontSpec font;
	Rgba textColor;
	std::vector<Rgba> colors; // side colours, repeated when there are more sides
	Rgba track{24, 24, 32, 176};
	Rgba celebrate{255, 230, 127, 255};
	float radius = 20.0f;
	TextEffects effects;
	std::string winsFormat = "{name} wins!"; // {name}
	std::string tieText = "Tie!";
	bool operator==(const VersusStyle &) const = default;
};
// `pictures`: how many gift pictures each side shows (none when empty or 0: names only).
VersusLayout layOutVersus(const VersusStyle &style, const std::vector<std::string> &names,
			  const std::vector<std::string> &values, const std::string &centre,
			  const std::vector<std::size_t> &pictures = {});
// The side's colour.
Rgba sideColor(const VersusStyle &style, std::size_t side);

} // namespace livegifts::view

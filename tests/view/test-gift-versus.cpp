#include <catch2/catch.hpp>

#include "view/gift-versus.hpp"

using namespace livegifts;
using namespace livegifts::view;

namespace {

std::vector<GiftTotal> totals(std::int64_t roses, std::int64_t lions, std::int64_t hearts = 0)
{
	std::vector<GiftTotal> out;
	GiftTotal rose;
	rose.giftId = 5655;
	rose.coins = roses;
	GiftTotal lion;
	lion.giftId = 6369;
	lion.coins = lions;
	GiftTotal heart;
	heart.giftId = 7934;
	heart.coins = hearts;
	out.push_back(lion);
	out.push_back(rose);
	out.push_back(heart);
	return out;
}

GiftVersus roseVsLion()
{
	GiftVersus versus;
	versus.setSides(parseSides("5655 = Roses\n6369, 7934 = Team Lion"));
	versus.setDuration(60'000);
	return versus;
}

} // namespace

TEST_CASE("Gift vs Gift: sides from lines of gift ids and names", "[versus]")
{
	const auto sides = parseSides("5655 = Roses\n 6369 , 7934 = Team Lion \nnot a gift\n\n42");
	REQUIRE(sides.size() == 3);
	CHECK(sides[0].name == "Roses");
	CHECK(sides[0].giftIds == std::vector<std::int64_t>{5655});
	CHECK(sides[1].name == "Team Lion");
	CHECK(sides[1].giftIds == std::vector<std::int64_t>{6369, 7934});
	CHECK(sides[2].name.empty());
	CHECK(sides[2].giftIds == std::vector<std::int64_t>{42});
	CHECK(parseSides("1\n2\n3\n4\n5\n6\n7\n8").size() == kMaxVersusSides);
}

TEST_CASE("Gift vs Gift: coins sent during the round are the votes, a team adds its gifts", "[versus]")
{
	GiftVersus versus = roseVsLion();
	versus.start(totals(100, 2999), 0); // what was sent before the round does not count
	CHECK(versus.running());
	CHECK(versus.update(totals(130, 2999, 5), 1000));
	CHECK(versus.votes() == std::vector<std::int64_t>{30, 5});
	CHECK_FALSE(versus.update(totals(130, 2999, 5), 2000));
	CHECK(versus.update(totals(130, 5998, 5), 3000));
	CHECK(versus.votes() == std::vector<std::int64_t>{30, 3004});
	const auto shares = versus.shares();
	CHECK(shares[0] == Approx(30.0 / 3034.0));
	CHECK(shares[1] == Approx(3004.0 / 3034.0));
}

TEST_CASE("Gift vs Gift: equal shares before any vote", "[versus]")
{
	GiftVersus versus = roseVsLion();
	CHECK(versus.shares() == std::vector<float>{0.5f, 0.5f});
	CHECK(versus.remainingMs(123) == 60'000);
	CHECK(versus.phase() == VersusPhase::Idle);
}

TEST_CASE("Gift vs Gift: stop pauses the timer and the counting, start resumes", "[versus]")
{
	GiftVersus versus = roseVsLion();
	versus.start(totals(0, 0), 0);
	versus.update(totals(10, 0), 10'000);
	versus.stop(totals(10, 0), 20'000);
	CHECK(versus.phase() == VersusPhase::Paused);
	CHECK(versus.remainingMs(50'000) == 40'000);
	CHECK_FALSE(versus.update(totals(500, 0), 30'000)); // sent while paused: not counted
	versus.start(totals(500, 0), 40'000);
	versus.update(totals(520, 0), 45'000);
	CHECK(versus.votes()[0] == 30);
	CHECK(versus.remainingMs(45'000) == 35'000);
}

TEST_CASE("Gift vs Gift: the round ends on time with a winner or a tie", "[versus]")
{
	GiftVersus versus = roseVsLion();
	versus.start(totals(0, 0), 1000);
	versus.update(totals(50, 0, 20), 30'000);
	CHECK(versus.winner() == -1); // not finished yet
	CHECK(versus.update(totals(50, 0, 20), 61'000));
	CHECK(versus.phase() == VersusPhase::Finished);
	CHECK(versus.finishedAtMs() == 61'000);
	CHECK(versus.winner() == 0);
	CHECK(versus.remainingMs(70'000) == 0);
	CHECK_FALSE(versus.update(totals(50, 9999), 62'000)); // after the end nothing counts
	CHECK(versus.winner() == 0);

	GiftVersus tie = roseVsLion();
	tie.start(totals(0, 0), 0);
	tie.update(totals(5, 0, 5), 60'000);
	CHECK(tie.phase() == VersusPhase::Finished);
	CHECK(tie.winner() == -1);

	tie.reset();
	CHECK(tie.phase() == VersusPhase::Idle);
	CHECK(tie.votes() == std::vector<std::int64_t>{0, 0});
}

TEST_CASE("Gift vs Gift: a new stream's totals (smaller) count nothing negative", "[versus]")
{
	GiftVersus versus = roseVsLion();
	versus.start(totals(100, 100), 0);
	versus.update(totals(3, 0), 1000);
	CHECK(versus.votes() == std::vector<std::int64_t>{0, 0});
}

TEST_CASE("Gift vs Gift: clock text and layout", "[versus]")
{
	CHECK(clockText(65'000) == "1:05");
	CHECK(clockText(64'001) == "1:05");
	CHECK(clockText(0) == "0:00");
	CHECK(clockText(-5) == "0:00");
	VersusStyle style;
	style.width = 800;
	style.height = 190;
	style.font.pixelSize = 28;
	style.colors = {Rgba{255, 0, 0, 255}, Rgba{0, 0, 255, 255}};
	const VersusLayout two = layOutVersus(style, {"Roses", "Lion"}, {"30", "3,004"}, "0:42");
	CHECK(two.barY == 84.0f);
	CHECK(two.barH == 62.0f);
	REQUIRE(two.texts.size() == 5);
	CHECK(two.texts[0].align == HAlign::Left);
	CHECK(two.texts[2].align == HAlign::Right);
	CHECK(two.texts[2].x == 400);
	CHECK(two.texts[3].color == Rgba{0, 0, 255, 255});
	CHECK(two.texts[4].text == "0:42");
	CHECK(two.texts[4].y == 150);
	const VersusLayout three = layOutVersus(style, {"A", "B", "C"}, {"1", "2", "3"}, "");
	CHECK(three.texts[2].align == HAlign::Center);
	CHECK(three.texts[4].x == 532);
	CHECK(sideColor(style, 2) == style.colors[0]);
}

TEST_CASE("Gift vs Gift: each side's gift picture beside its name, a team's in a small row", "[versus]")
{
	VersusStyle style;
	style.width = 800;
	style.height = 190;
	style.font.pixelSize = 28; // a line of 40 px: a single gift's picture spans both lines (72 px)
	const auto sides = parseSides("5655 = Roses\n6369, 7934 = Team Lion\n1, 2, 3, 4");
	REQUIRE(sides.size() == 3);
	CHECK(picturesOf(sides[0]) == 1);
	CHECK(picturesOf(sides[1]) == 2);
	CHECK(picturesOf(sides[2]) == kMaxVersusPictures);

	const VersusLayout two = layOutVersus(style, {"Roses", "Team Lion"}, {"30", "3,004"}, "0:42", {1, 2});
	REQUIRE(two.pictures.size() == 3);
	// The left side: its picture at the left edge, the name and votes after it.
	CHECK(two.pictures[0] == VersusPicture{0, 0, 0, 4, 72});
	CHECK(two.texts[0].x == 80);
	CHECK(two.texts[1].x == 80);
	CHECK(two.texts[0].width == 400 - 80);
	// The right side: two smaller pictures at the right edge, the texts end before them.
	CHECK(two.pictures[1] == VersusPicture{1, 0, 700, 16, 48});
	CHECK(two.pictures[2] == VersusPicture{1, 1, 752, 16, 48});
	CHECK(two.pictures[2].x + two.pictures[2].size == 800);
	CHECK(two.texts[2].x == 400);
	CHECK(two.texts[2].width == 400 - 108);
	CHECK(two.texts[2].x + two.texts[2].width < two.pictures[1].x);
	// Every picture stays above the bar.
	for (const VersusPicture &picture : two.pictures) {
		CHECK(picture.y + picture.size <= static_cast<int>(two.barY));
	}

	// Without pictures the names keep the whole column (as before).
	const VersusLayout plain = layOutVersus(style, {"Roses", "Lion"}, {"30", "3,004"}, "0:42");
	CHECK(plain.pictures.empty());
	CHECK(plain.texts[0].x == 0);
	CHECK(plain.texts[0].width == 400);

	// A narrow column keeps a team's first picture only, never wider than half the column.
	style.width = 240;
	const VersusLayout narrow = layOutVersus(style, {"A", "B", "C"}, {"1", "2", "3"}, "", {1, 3, 3});
	std::vector<std::size_t> perSide(3, 0);
	for (const VersusPicture &picture : narrow.pictures) {
		++perSide[picture.side];
		CHECK(picture.size <= 80 / 2);
		CHECK(picture.x >= static_cast<int>(picture.side) * 80);
		CHECK(picture.x + picture.size <= static_cast<int>(picture.side + 1) * 80);
	}
	CHECK(perSide == std::vector<std::size_t>{1, 1, 1});
}

TEST_CASE("Gift vs Gift: a kept round as JSON and back; anything else is refused", "[versus]")
{
	GiftVersus versus = roseVsLion();
	versus.setStream(7);
	versus.start(totals(10, 0), 1000);
	versus.update(totals(40, 2999, 5), 2000);
	const VersusSaved saved = versus.saved(2000, 1'764'000'000'000);
	CHECK(saved.phase == VersusPhase::Running);
	CHECK(saved.votes == std::vector<std::int64_t>{30, 3004});
	CHECK(saved.streamId == 7);
	CHECK(saved.endsAtWallMs == 1'764'000'000'000 + 59'000);
	const std::optional<VersusSaved> back = versusFromJson(versusToJson(saved));
	REQUIRE(back);
	CHECK(*back == saved);

	CHECK_FALSE(versusFromJson(""));
	CHECK_FALSE(versusFromJson("not json"));
	CHECK_FALSE(versusFromJson("{}"));
	CHECK_FALSE(versusFromJson("[1, 2]"));
	CHECK_FALSE(versusFromJson(R"({"version": "1"})"));
	CHECK_FALSE(versusFromJson(R"({"version": 2})"));
	CHECK_FALSE(versusFromJson(R"({"version": 1, "sides": 3})"));
	std::string text = versusToJson(saved);
	CHECK_FALSE(versusFromJson(text.replace(text.find("\"running\""), 9, "\"sprint\"")));
	VersusSaved wrong = saved;
	wrong.votes = {1};
	CHECK_FALSE(versusFromJson(versusToJson(wrong)));
	wrong = saved;
	wrong.votes = {-1, 2};
	CHECK_FALSE(versusFromJson(versusToJson(wrong)));
}

TEST_CASE("Gift vs Gift: a running round goes on after a restart with its votes and its end", "[versus]")
{
	const std::int64_t wall = 1'764'000'000'000;
	GiftVersus before = roseVsLion();
	before.setStream(7);
	before.start(totals(10, 0), 1000);
	before.update(totals(40, 2999, 5), 21'000); // 20 s run: 40 s left
	const VersusSaved kept = before.saved(21'000, wall);

	// OBS closed for 10 s; the engine restored the same stream with one more Rose counted after the save.
	GiftVersus after = roseVsLion();
	after.setStream(7);
	REQUIRE(after.restore(kept, 0, wall + 10'000));
	CHECK(after.phase() == VersusPhase::Running);
	CHECK(after.remainingMs(0) == 30'000);
	after.update(totals(41, 2999, 5), 500);
	CHECK(after.votes() == std::vector<std::int64_t>{31, 3004});
	// The same totals again (a duplicate is never in them) count nothing more.
	CHECK_FALSE(after.update(totals(41, 2999, 5), 600));
	after.update(totals(41, 2999, 5), 30'000);
	CHECK(after.phase() == VersusPhase::Finished);
	CHECK(after.winner() == 1);

	// Sides changed in the settings while the round ran (or OBS was closed): the round goes on with its own,
	// the settings' sides come with the next round.
	GiftVersus other;
	other.setSides(parseSides("5655\n5879"));
	other.setDuration(5'000);
	other.setStream(7);
	REQUIRE(other.restore(kept, 0, wall + 10'000));
	CHECK(other.sides() == kept.sides);
	CHECK(other.remainingMs(0) == 30'000);
	other.reset();
	CHECK(other.sides() == parseSides("5655\n5879"));
	CHECK(other.remainingMs(0) == 5'000);
	// A finished or idle round of other sides is not this source's any more: nothing is restored.
	VersusSaved finished = kept;
	finished.phase = VersusPhase::Finished;
	GiftVersus third;
	third.setSides(parseSides("5655\n5879"));
	CHECK_FALSE(third.restore(finished, 0, wall));
	CHECK(third.phase() == VersusPhase::Idle);
}

TEST_CASE("Gift vs Gift: a round under way keeps its length and sides through edits; the next takes them", "[versus]")
{
	// Seen in OBS: typing 900 over 600 in Round length went through 9 s and ended the running round ("Rose
	// wins!" with 9:40 left), and Cancel did not bring it back; editing Sides reset the round's votes.
	GiftVersus versus = roseVsLion();
	versus.start(totals(0, 0), 0);
	versus.update(totals(50, 0), 20'000);
	versus.setDuration(9'000); // a value typed on the way to another
	CHECK_FALSE(versus.update(totals(50, 0), 21'000));
	CHECK(versus.phase() == VersusPhase::Running);
	CHECK(versus.remainingMs(21'000) == 39'000);
	versus.setSides(parseSides("5655 = Rosa\n5879 = Doughnut")); // other gifts: from the next round
	CHECK(versus.sides() == parseSides("5655 = Roses\n6369, 7934 = Team Lion"));
	CHECK(versus.votes() == std::vector<std::int64_t>{50, 0});
	// Cancel: the settings as before. Nothing happened to the round.
	versus.setSides(parseSides("5655 = Roses\n6369, 7934 = Team Lion"));
	versus.setDuration(60'000);
	CHECK(versus.remainingMs(21'000) == 39'000);
	CHECK(versus.votes() == std::vector<std::int64_t>{50, 0});
	// New names for the same gifts apply at once; the votes stay.
	versus.setSides(parseSides("5655 = Rosas\n6369, 7934 = Leones"));
	CHECK(versus.sides()[0].name == "Rosas");
	versus.update(totals(50, 7), 30'000);
	CHECK(versus.votes() == std::vector<std::int64_t>{50, 7});
	// Kept with its own length, also paused.
	versus.setDuration(9'000);
	versus.setSides(parseSides("5655\n5879"));
	versus.stop(totals(50, 7), 30'000);
	CHECK(versus.saved(30'000, 0).durationMs == 60'000);
	CHECK(versus.remainingMs(30'000) == 30'000);
	versus.start(totals(50, 7), 40'000);
	versus.update(totals(50, 7), 70'000);
	CHECK(versus.phase() == VersusPhase::Finished);
	CHECK(versus.winner() == 0);
	CHECK(versus.sides()[0].name == "Rosas"); // the finished round shows as it ended
	// The next round: the settings' sides and length.
	versus.start(totals(50, 7), 80'000);
	CHECK(versus.sides() == parseSides("5655\n5879"));
	CHECK(versus.remainingMs(80'000) == 9'000);
	CHECK(versus.votes() == std::vector<std::int64_t>{0, 0});
}

TEST_CASE("Gift vs Gift: a round whose time ran out while closed finishes once", "[versus]")
{
	const std::int64_t wall = 1'764'000'000'000;
	GiftVersus before = roseVsLion();
	before.setStream(7);
	before.start(totals(0, 0), 0);
	before.update(totals(500, 2999), 50'000);
	const VersusSaved kept = before.saved(50'000, wall);

	GiftVersus after = roseVsLion();
	after.setStream(7);
	REQUIRE(after.restore(kept, 0, wall + 3'600'000));
	CHECK(after.remainingMs(0) == 0);
	CHECK(after.update(totals(500, 2999), 16)); // finishes now: the source celebrates this change
	CHECK(after.phase() == VersusPhase::Finished);
	CHECK(after.winner() == 1);
	CHECK(after.votes() == std::vector<std::int64_t>{500, 2999});

	// Kept again finished: restored finished, shown with its winner, never finishing again.
	GiftVersus again = roseVsLion();
	again.setStream(7);
	REQUIRE(again.restore(after.saved(16, wall + 3'600'016), 0, wall + 7'200'000));
	CHECK(again.phase() == VersusPhase::Finished);
	CHECK(again.winner() == 1);
	CHECK_FALSE(again.update(totals(900, 2999), 16));
	CHECK(again.votes() == std::vector<std::int64_t>{500, 2999});
}

TEST_CASE("Gift vs Gift: a new stream keeps the votes and counts its own gifts from zero", "[versus]")
{
	GiftVersus versus = roseVsLion();
	versus.setStream(7);
	versus.start(totals(100, 0), 0);
	versus.update(totals(130, 0), 1000);
	CHECK(versus.votes() == std::vector<std::int64_t>{30, 0});
	versus.setStream(8); // the new stream's totals start again
	versus.update(totals(5, 0), 2000);
	CHECK(versus.votes() == std::vector<std::int64_t>{35, 0});

	// Restored into another stream than the one kept: the votes stay, the new stream counts whole.
	const VersusSaved kept = versus.saved(2000, 0);
	GiftVersus after = roseVsLion();
	after.setStream(9);
	REQUIRE(after.restore(kept, 0, 0));
	after.update(totals(2, 0), 10);
	CHECK(after.votes() == std::vector<std::int64_t>{37, 0});
}

TEST_CASE("Gift vs Gift: a paused round is restored paused with its time left", "[versus]")
{
	GiftVersus versus = roseVsLion();
	versus.setStream(7);
	versus.start(totals(0, 0), 0);
	versus.update(totals(12, 0), 15'000);
	versus.stop(totals(12, 0), 15'000);
	const VersusSaved kept = versus.saved(15'000, 1'000);
	GiftVersus after = roseVsLion();
	after.setStream(7);
	REQUIRE(after.restore(kept, 0, 999'999));
	CHECK(after.phase() == VersusPhase::Paused);
	CHECK(after.remainingMs(500'000) == 45'000);
	after.start(totals(20, 0), 100);
	after.update(totals(21, 0), 200);
	CHECK(after.votes() == std::vector<std::int64_t>{13, 0});
}

namespace {

// A round of stream 1 started at 10 roses and 100 lion coins, saved at `wall` with 2 and 29,999 votes.
VersusSaved keptRound(std::int64_t wall)
{
	GiftVersus before = roseVsLion();
	before.setStream(1);
	before.start(totals(10, 100), 0);
	before.update(totals(12, 30'099), 10'000);
	REQUIRE(before.votes() == std::vector<std::int64_t>{2, 29'999});
	return before.saved(10'000, wall);
}

} // namespace

TEST_CASE("Gift vs Gift: a round restored over totals that start again from less keeps its votes", "[versus]")
{
	// Seen in OBS on the demo stream (counted in memory only): after a restart the restored round showed 0 and
	// 0 coins instead of its 2 and 29,999; the engine's totals of the same stream began again from zero.
	const std::int64_t wall = 1'764'000'000'000;
	const VersusSaved kept = keptRound(wall);

	GiftVersus after = roseVsLion();
	after.setStream(1);
	REQUIRE(after.restore(kept, 0, wall + 5'000));
	after.update(totals(0, 0), 100);
	CHECK(after.votes() == std::vector<std::int64_t>{2, 29'999});
	after.update(totals(5, 0), 200); // what comes now counts on top
	CHECK(after.votes() == std::vector<std::int64_t>{7, 29'999});
	after.update(totals(5, 1), 300);
	CHECK(after.votes() == std::vector<std::int64_t>{7, 30'000});
}

TEST_CASE("Gift vs Gift: every restart keeps the votes counted since the one before", "[versus]")
{
	// Seen in OBS on the demo stream: the first restart kept the round's votes, the second and every later one
	// went back to the votes of the first (338 / 59,998 / 190 each time): the round was counted on from where
	// counting began after the first restart, and the stream's totals began again from zero at each start.
	const std::int64_t wall = 1'764'000'000'000;
	VersusSaved kept = keptRound(wall);

	std::vector<std::int64_t> expected = {2, 29'999};
	for (int restart = 1; restart <= 3; ++restart) {
		INFO("restart " << restart);
		GiftVersus next = roseVsLion();
		next.setStream(1);
		REQUIRE(next.restore(kept, 0, wall + restart * 1'000));
		next.update(totals(0, 0), 100); // the demo's totals start again
		CHECK(next.votes() == expected);
		next.update(totals(5 * restart, 0), 200);
		expected[0] += 5 * restart;
		CHECK(next.votes() == expected);
		kept = versusFromJson(versusToJson(next.saved(200, wall + restart * 1'000))).value();
	}

	// A ledger that keeps its totals: what the engine counted after the save (while OBS was closed) counts too,
	// once.
	GiftVersus kept1 = roseVsLion();
	kept1.setStream(1);
	REQUIRE(kept1.restore(kept, 0, wall + 10'000));
	kept1.update(totals(15 + 4, 1), 100); // the last save saw 15 roses and no lion
	CHECK(kept1.votes() == std::vector<std::int64_t>{expected[0] + 4, expected[1] + 1});
	const VersusSaved again = kept1.saved(100, wall + 10'000);
	GiftVersus kept2 = roseVsLion();
	kept2.setStream(1);
	REQUIRE(kept2.restore(again, 0, wall + 11'000));
	kept2.update(totals(19, 1), 100);
	CHECK(kept2.votes() == std::vector<std::int64_t>{expected[0] + 4, expected[1] + 1});
}

#include <catch2/catch.hpp>

#include "core/normalize.hpp"
#include "view/template.hpp"

using namespace livegifts;
using namespace livegifts::view;

TEST_CASE("Templates expand placeholders once", "[template]")
{
	TemplateVars vars;
	vars.set("nickname", "Ann").set("count", 5).set("gift", "Rose").set("coins", 1234567);
	TemplateOptions plain;
	plain.isolateBidi = false;
	CHECK(renderTemplate("{nickname} sent {count}× {gift}", vars, plain) == "Ann sent 5× Rose");
	CHECK(renderTemplate("{coins} coins {{literal}} }} {", vars, plain) == "1234567 coins {literal} } {");
	CHECK(renderTemplate("{unknown} and {nickname", vars, plain) == "{unknown} and {nickname");
	CHECK(renderTemplate("", vars, plain).empty());
	CHECK(renderTemplate("line one\nline two {gift}", vars, plain) == "line one\nline two Rose");
}

TEST_CASE("User text cannot inject placeholders, controls or broken bytes", "[template]")
{
	TemplateVars vars;
	vars.set("nickname", "{coins}\n\t{{x}}").set("coins", 10).set("bad", std::string("A\xff\xfe") + "B");
	TemplateOptions plain;
	plain.isolateBidi = false;
	CHECK(renderTemplate("{nickname}: {coins}", vars, plain) == "{coins}  {{x}}: 10");
	const auto bad = renderTemplate("{bad}", vars, plain);
	CHECK(isValidUtf8(bad));
	CHECK(bad == "A\xEF\xBF\xBD\xEF\xBF\xBD"
		     "B");
	CHECK(sanitizeUserText("a\x01"
			       "b\x7f"
			       "c\u2028d") == "a b c d");
	// the template itself may hold broken bytes: the output is still valid
	CHECK(isValidUtf8(renderTemplate("\xc3{coins}", vars, plain)));
}

TEST_CASE("A user's text placed inside other text is sanitised and isolated", "[template]")
{
	CHECK(isolatedUserText("\u0646\u0648\u0631: 5") == "\u2068\u0646\u0648\u0631: 5\u2069");
	CHECK(isolatedUserText("a\u2069\u202eb\x01") == "\u2068ab \u2069"); // its own marks dropped, controls: spaces
	CHECK(isolatedUserText("") == "\u2068\u2069");
	CHECK(isValidUtf8(isolatedUserText("\xc3(")));
}

TEST_CASE("Right-to-left names are isolated; bidi controls cannot escape", "[template]")
{
	TemplateVars vars;
	vars.set("nickname", "\u200fنور 🌙 الهدى\u200f\u2069\u202e").set("count", 3);
	const auto text = renderTemplate("{nickname} sent {count}", vars);
	CHECK(text == "\u2068\u200fنور 🌙 الهدى\u200f\u2069 sent \u20683\u2069");
}

TEST_CASE("Long values are shortened on code point boundaries", "[template]")
{
	TemplateVars vars;
	vars.set("nickname", "😀😀😀😀😀😀");
	TemplateOptions options;
	options.isolateBidi = false;
	options.maxValueCodePoints = 3;
	CHECK(renderTemplate("{nickname}", vars, options) == "😀😀😀…");
	options.maxValueCodePoints = 6;
	CHECK(renderTemplate("{nickname}", vars, options) == "😀😀😀😀😀😀");
}

TEST_CASE("Counts are grouped", "[template]")
{
	CHECK(formatCount(0) == "0");
	CHECK(formatCount(999) == "999");
	CHECK(formatCount(1000) == "1,000");
	CHECK(formatCount(1234567, " ") == "1 234 567");
	CHECK(formatCount(-45000) == "-45,000");
	CHECK(formatCount(INT64_MIN) == "-9,223,372,036,854,775,808");
}

TEST_CASE("A viewer's name shown alone keeps no bidi embedding, override or isolate", "[template]")
{
	CHECK(viewerName("\u202egnp.exe") == "gnp.exe");
	CHECK(viewerName("\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069x") == "x");
	CHECK(viewerName("نور\u200f\n") == "نور\u200f "); // marks kept, controls become spaces
	CHECK(isValidUtf8(viewerName("\xe2\x80")));
}

TEST_CASE("A pile of combining marks is cut to a few per character; real scripts' marks are kept", "[template]")
{
	std::string pile = "Z";
	for (int i = 0; i < 40; ++i) {
		pile += i % 2 == 0 ? "\u0336" : "\u0489"; // a strike-through and a Cyrillic enclosing mark
	}
	pile += "alg\u0301\u0302\u0303\u0304\u0305o";
	CHECK(viewerName(pile) == "Z\u0336\u0489\u0336alg\u0301\u0302\u0303o");
	CHECK(sanitizeUserText(pile) == viewerName(pile));
	// In an alert's line too, and the marks dropped do not count towards its length.
	TemplateOptions shortValues;
	shortValues.isolateBidi = false;
	shortValues.maxValueCodePoints = 6;
	CHECK(renderTemplate("{nickname}!", TemplateVars().set("nickname", pile), shortValues) ==
	      "Z\u0336\u0489\u0336al\u2026!");
	// Thai, Arabic marks in several blocks (Quranic pause marks), Hebrew points and Vietnamese are not
	// touched: none stacks more than three.
	for (const char *name : {"ผู้ใหญ่", "مُحَمَّد", "شَّ\u0652", "שָׁלוֹם", "Nguyê\u0303n", "A\u0302\u0303\u0301"}) {
		CHECK(viewerName(name) == name);
	}
	// Another character (a space, a joiner) starts a new count.
	CHECK(viewerName("a\u0301\u0301\u0301 \u0301\u0301\u0301") == "a\u0301\u0301\u0301 \u0301\u0301\u0301");
}

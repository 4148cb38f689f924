#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livegifts::view {

// Values for a text template: name -> text. Values are inserted verbatim once; a value that itself
// contains "{coins}" is never expanded again.
class TemplateVars {
public:
	TemplateVars &set(std::string name, std::string value);
	TemplateVars &set(std::string name, long long value);
	const std::string *find(std::string_view name) const;

private:
	std::vector<std::pair<std::string, std::string>> values_;
};

struct TemplateOptions {
	// Wrap each inserted value in Unicode isolates (U+2068 ... U+2069) so a right-to-left nickname does
	// not reorder the text around it.
	bool isolateBidi = true;
	// Longest inserted value in code points (0 = no limit); longer values end with "…".
	std::size_t maxValueCodePoints = 0;
};

// The most combining marks kept stacked on one character in a value (Vietnamese, pointed Hebrew and Thai use
// two or three; piles of dozens would draw far above and below the line).
constexpr int kMaxStackedMarks = 3;

// Expands `{name}` placeholders. `{{` and `}}` are literal braces; an unknown placeholder is kept as
// written. Values are made safe: invalid UTF-8 becomes U+FFFD, control characters (newlines
// included) become spaces, and marks stacked on one character beyond kMaxStackedMarks are dropped. Never
// throws on any input.
std::string renderTemplate(std::string_view text, const TemplateVars &vars, const TemplateOptions &options = {});

// Makes arbitrary user text displayable on one line: invalid UTF-8 -> U+FFFD, controls -> space, marks stacked
// beyond kMaxStackedMarks dropped.
std::string sanitizeUserText(std::string_view text);

// A viewer's name shown on its own (a row of the list): as sanitizeUserText, and its bidi embeddings, overrides
// and isolates dropped, as in a template's value: a right-to-left override at its start would show
// "\u202Egnp.exe evil" as "live exe.png".
std::string viewerName(std::string_view text);

// User text placed inside other text (a nickname, a goal's or a rule's name in a line of the dock): made
// displayable as sanitizeUserText does, its own embeddings and isolates dropped, and wrapped in Unicode isolates
// (U+2068 ... U+2069), so a right-to-left name leaves the words and numbers around it in their order
// ("5. أحمد: 3,136 coins", not "5. 3,136 :أحمد coins").
std::string isolatedUserText(std::string_view text);

// Thousands-grouped number ("12,345"); `separator` may be any UTF-8 text.
std::string formatCount(long long value, std::string_view separator = ",");

} // namespace livegifts::view

#pragma once

// UTF-8 checks for text from the wire: frames, names, templates.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace livegifts {

// True when `text` is valid UTF-8.
bool isValidUtf8(std::string_view text);
// Replaces each invalid UTF-8 sequence with U+FFFD.
std::string repairUtf8(std::string_view text);
// A name or gift name as it is shown and exported: control characters (C0, DEL, C1: a NUL, a bell, a
// terminal's escape sequences, a line break that would split a one-line name) become spaces; every other
// character stays (joiners, variation selectors and direction marks are part of names); cut to
// limits::maxNameBytes. Valid UTF-8 in, valid UTF-8 out.
void cleanDisplayText(std::string &text);
// True when a name (valid UTF-8) shows nothing: empty, or only spaces and characters drawn as nothing (no-break
// and wide spaces, zero-width ones and joiners, direction marks, the Hangul fillers a "blank" nickname is made
// of). Such a name is no name: the viewer's handle is shown instead.
bool blankDisplayText(std::string_view text);
// The code point of the UTF-8 sequence at text[i] and its length in bytes (`length`); 0 with a length of 0 when
// the sequence there is not valid UTF-8 (a cut, a stray byte, an overlong form, a surrogate).
char32_t decodeUtf8(std::string_view text, std::size_t i, std::size_t &length);
// Whether `cp` lies in one of the `count` ranges (first and last code point of each, both included).
bool inCodePointRanges(char32_t cp, const std::pair<char32_t, char32_t> *ranges, std::size_t count);
template <std::size_t N>
bool inCodePointRanges(char32_t cp, const std::pair<char32_t, char32_t> (&ranges)[N])
{
	return inCodePointRanges(cp, ranges, N);
}
// The length of `text` cut to at most `limit` bytes at a UTF-8 boundary.
std::size_t utf8CutLength(std::string_view text, std::size_t limit);
// Cuts `text` to at most `limit` bytes, at a UTF-8 boundary.
void cutUtf8(std::string &text, std::size_t limit);
// Appends `byte` as two hexadecimal digits: how a byte that cannot be shown is named (an error message,
// a log line's escape, a URI's percent-encoding).
enum class HexCase { upper, lower };
void appendHexByte(std::string &out, unsigned char byte, HexCase letters = HexCase::upper);

// JSON text: true when it holds the escape of a lone UTF-16 surrogate (\uD800..\uDBFF not followed by a
// \uDC00..\uDFFF escape, or one of those without a high one before it; any case), which a JSON parser
// rejects and JavaScript writes for a string cut inside a character.
bool hasLoneSurrogateEscape(std::string_view json);
// JSON text with invalid UTF-8 and lone surrogate escapes replaced by U+FFFD (an escape by "\ufffd", of
// the same length): what FrameParser parses when a frame needs repair. Escaped pairs stay as they are.
std::string repairJsonText(std::string_view json);

} // namespace livegifts

#pragma once

// Checks a translation file of locale/ against en-US.ini: the same keys (no lost, no extra, no twice), the
// same placeholders, valid UTF-8, OBS's key="value" lines, and not mostly English left as it was.

#include <map>
#include <string>
#include <vector>

namespace locale_check {

struct Entry {
	std::string value; // without the surrounding quotes
	int line = 0;
};

struct LocaleFile {
	std::map<std::string, Entry> entries;
	std::vector<std::string> problems; // syntax, UTF-8 and duplicate problems found while reading
};

// Reads the text of an .ini file the way OBS's text lookup does ("#" or ";" comments, Key="value").
LocaleFile parseLocale(const std::string &text);

// The placeholders of a value, sorted: {name}, {{, }}, %1, %s, \n and file-dialog patterns like (*.png).
std::vector<std::string> placeholders(const std::string &value);

// True when a value has nothing to translate once placeholders, numbers, punctuation and the words every
// language keeps (OBS, LIVE, TikTok, CSV, ...) are taken away.
bool nothingToTranslate(const std::string &value);

struct Report {
	std::vector<std::string> problems;
	int identical = 0;  // values equal to the English one although they have words to translate
	int translated = 0; // keys compared
};

// Compares a translation with English. maxIdenticalShare: the share of keys that may stay English.
Report checkTranslation(const LocaleFile &english, const LocaleFile &translation, double maxIdenticalShare);

} // namespace locale_check

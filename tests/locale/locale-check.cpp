#include "locale-check.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <sstream>

namespace locale_check {

namespace {

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool validUtf8(const std::string &text)
{
	std::size_t i = 0;
	while (i < text.size()) {
		const auto c = static_cast<unsigned char>(text[i]);
		int extra = 0;
		std::uint32_t cp = 0;
		if (c < 0x80) {
			++i;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			extra = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			extra = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			extra = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (i + static_cast<std::size_t>(extra) >= text.size()) {
			return false;
		}
		for (int k = 1; k <= extra; ++k) {
			const auto next = static_cast<unsigned char>(text[i + k]);
			if ((next & 0xC0) != 0x80) {
				return false;
			}
			cp = (cp << 6) | (next & 0x3F);
		}
		if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
			return false;
		}
		i += static_cast<std::size_t>(extra) + 1;
	}
	return true;
}

const std::regex &placeholderPattern()
{
	static const std::regex pattern(R"(\{\{|\}\}|\{[A-Za-z_][A-Za-z0-9_]*\}|%[0-9]+|%[sdu]|\\n|\(\*[^)]*\))");
	return pattern;
}

// Words and names every language keeps as they are.
const std::vector<std::string> &keptWords()
{
	static const std::vector<std::string> words = {
	    "Live Gifts", "TikTok", "TikFinity", "Euler Stream", "WebSocket", "LIVE", "OBS", "CSV",  "JSONL", "URL",
	    "API",        "ws://",  "wss://",    "https://",     "ms",        "Neon", "Pop", "Gift", "id",
	};
	return words;
}

const std::set<std::string> &pluralCategories()
{
	static const std::set<std::string> categories = {"Zero", "One", "Two", "Few", "Many", "Other"};
	return categories;
}

// LiveGifts.Noun.Coin.Few -> true when English has LiveGifts.Noun.Coin.Other: a plural form English needs not.
bool extraPluralForm(const std::string &key, const LocaleFile &english)
{
	const std::string prefix = "LiveGifts.Noun.";
	const auto dot = key.rfind('.');
	if (key.rfind(prefix, 0) != 0 || dot == std::string::npos || dot < prefix.size()) {
		return false;
	}
	return pluralCategories().count(key.substr(dot + 1)) != 0 &&
	       english.entries.count(key.substr(0, dot) + ".Other") != 0;
}

std::string join(const std::vector<std::string> &items)
{
	std::string out;
	for (const auto &item : items) {
		out += (out.empty() ? "" : " ") + item;
	}
	return out.empty() ? "(none)" : out;
}

} // namespace

LocaleFile parseLocale(const std::string &text)
{
	LocaleFile file;
	if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
		file.problems.push_back("line 1: starts with a byte order mark");
	}
	if (!validUtf8(text)) {
		file.problems.push_back("the file is not valid UTF-8");
	}
	std::istringstream in(text);
	std::string line;
	int number = 0;
	static const std::regex keyPattern(R"([A-Za-z][A-Za-z0-9_.\-]*)");
	while (std::getline(in, line)) {
		++number;
		if (!line.empty() && line.back() == '\r') {
			line.pop_back();
		}
		const std::string where = "line " + std::to_string(number) + ": ";
		if (line.empty() || line[0] == '#' || line[0] == ';') {
			continue;
		}
		const auto eq = line.find('=');
		if (eq == std::string::npos) {
			file.problems.push_back(where + "no key=value: " + line);
			continue;
		}
		const std::string key = line.substr(0, eq);
		std::string value = line.substr(eq + 1);
		if (!std::regex_match(key, keyPattern)) {
			file.problems.push_back(where + "not a key: '" + key + "'");
			continue;
		}
		if (value.size() < 2 || value.front() != '"' || value.back() != '"') {
			file.problems.push_back(where + key + " is not quoted as \"...\"");
			continue;
		}
		value = value.substr(1, value.size() - 2);
		if (value.empty()) {
			file.problems.push_back(where + key + " is empty");
		}
		if (!validUtf8(value)) {
			file.problems.push_back(where + key + " is not valid UTF-8");
		}
		const auto [it, inserted] = file.entries.emplace(key, Entry{value, number});
		if (!inserted) {
			file.problems.push_back(where + key + " again (first on line " +
						std::to_string(it->second.line) + ")");
		}
	}
	return file;
}

std::vector<std::string> placeholders(const std::string &value)
{
	std::vector<std::string> found;
	for (auto it = std::sregex_iterator(value.begin(), value.end(), placeholderPattern());
	     it != std::sregex_iterator(); ++it) {
		found.push_back(it->str());
	}
	std::sort(found.begin(), found.end());
	return found;
}

bool nothingToTranslate(const std::string &value)
{
	std::string rest = std::regex_replace(value, placeholderPattern(), " ");
	for (const auto &word : keptWords()) {
		for (auto at = rest.find(word); at != std::string::npos; at = rest.find(word)) {
			rest.replace(at, word.size(), " ");
		}
	}
	return std::none_of(rest.begin(), rest.end(), [](char c) {
		return std::isalpha(static_cast<unsigned char>(c)) != 0 || (static_cast<unsigned char>(c) & 0x80) != 0;
	});
}

Report checkTranslation(const LocaleFile &english, const LocaleFile &translation, double maxIdenticalShare)
{
	Report report;
	report.problems = translation.problems;
	for (const auto &[key, entry] : english.entries) {
		const auto found = translation.entries.find(key);
		if (found == translation.entries.end()) {
			report.problems.push_back("missing key " + key);
			continue;
		}
		++report.translated;
		const auto want = placeholders(entry.value);
		const auto have = placeholders(found->second.value);
		if (want != have) {
			report.problems.push_back("line " + std::to_string(found->second.line) + ": " + key +
						  " has placeholders " + join(have) + ", English has " + join(want));
		}
		if (found->second.value == entry.value && !nothingToTranslate(entry.value)) {
			++report.identical;
		}
	}
	for (const auto &[key, entry] : translation.entries) {
		if (english.entries.count(key) != 0) {
			continue;
		}
		if (!extraPluralForm(key, english)) {
			report.problems.push_back("line " + std::to_string(entry.line) + ": " + key +
						  " is not in en-US.ini");
		} else if (placeholders(entry.value) != std::vector<std::string>{"{n}"}) {
			report.problems.push_back("line " + std::to_string(entry.line) + ": " + key +
						  " needs exactly one {n}");
		}
	}
	if (report.translated > 0 &&
	    static_cast<double>(report.identical) > maxIdenticalShare * static_cast<double>(report.translated)) {
		report.problems.push_back(std::to_string(report.identical) + " of " +
					  std::to_string(report.translated) + " values are still the English text");
	}
	return report;
}

} // namespace locale_check

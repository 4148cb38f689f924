#include "obs/render/font-family.hpp"

#include <QFont>
#include <QFontDatabase>
#include <QFontInfo>
#include <QString>

#include <initializer_list>
#include <mutex>
#include <unordered_map>

namespace livegifts::obs {

namespace {

bool installed(const QString &family)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 0, 0)
	return QFontDatabase::hasFamily(family);
#else
	return QFontDatabase().hasFamily(family);
#endif
}

QString resolve(const QString &requested)
{
	if (!requested.isEmpty() && installed(requested)) {
		return requested;
	}
	// The font system's own substitute (fontconfig's aliases on Linux), as a lone family gets; no family at
	// all gets the default font.
	return QFontInfo(QFont(requested)).family();
}

// Those of `families` this computer has, in order.
QStringList installedOf(std::initializer_list<const char *> families)
{
	QStringList found;
	for (const char *family : families) {
		const QString name = QString::fromLatin1(family);
		if (installed(name)) {
			found.push_back(name);
		}
	}
	return found;
}

} // namespace

QString emojiFamily()
{
	// Linux's, macOS's, Windows' own, then other colour fonts a Linux desktop may have instead.
	static const QString family = installedOf({"Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji",
						   "Twemoji Mozilla", "JoyPixels", "EmojiOne Color"})
					  .value(0, QStringLiteral("Noto Color Emoji"));
	return family;
}

QStringList textStyleFamilies(const QString &family)
{
	// Fonts with monochrome symbols ("❤", "☺", "⭐"), on Linux, Windows and macOS.
	static const QStringList symbols = installedOf(
	    {"DejaVu Sans", "Noto Sans Symbols2", "Noto Sans Symbols", "Segoe UI Symbol", "Apple Symbols", "Symbola"});
	QStringList families{family};
	for (const QString &symbol : symbols) {
		if (symbol.compare(family, Qt::CaseInsensitive) != 0) {
			families.push_back(symbol);
		}
	}
	return families;
}

QStringList paintFamilies(const std::string &family)
{
	// Painting asks for the same few families again and again; a font added while OBS runs is seen after a
	// restart, as OBS's own text sources do.
	static std::mutex mutex;
	static std::unordered_map<std::string, QString> resolved; // requested -> installed family
	QString name;
	{
		const std::lock_guard<std::mutex> lock(mutex);
		const auto found = resolved.find(family);
		if (found != resolved.end()) {
			name = found->second;
		} else {
			if (resolved.size() >= 64) {
				resolved.clear();
			}
			name = resolve(QString::fromStdString(family));
			resolved.emplace(family, name);
		}
	}
	const QString emoji = emojiFamily();
	if (name.isEmpty() || name.compare(emoji, Qt::CaseInsensitive) == 0) {
		return {emoji};
	}
	return {name, emoji};
}

} // namespace livegifts::obs

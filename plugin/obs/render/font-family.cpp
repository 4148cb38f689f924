#include "obs/render/font-family.hpp"

#include <QFont>
#include <QFontDatabase>
#include <QFontInfo>
#include <QString>

#include <mutex>
#include <unordered_map>

namespace livegifts::obs {

namespace {

const QString kEmojiFamily = QStringLiteral("Noto Color Emoji");

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

} // namespace

QString emojiFamily()
{
	return kEmojiFamily;
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
	if (name.isEmpty() || name.compare(kEmojiFamily, Qt::CaseInsensitive) == 0) {
		return {kEmojiFamily};
	}
	return {name, kEmojiFamily};
}

} // namespace livegifts::obs

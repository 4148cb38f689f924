// Asks a running OBS over obs-websocket (protocol v5, loopback) what a streamer would see: whether our source
// kinds are offered in "Add Source" (GetInputKindList), and a screenshot of one of our sources as OBS itself
// renders it (GetSourceScreenshot), checked for what it should show:
//   --expect fill   the goal bar's pink fill (default)
//   --expect card   an alert card: at least 2 % of the pixels opaque
//   --expect empty  nothing: under 0.1 % of the pixels opaque
//
// and, with --hotkey, whether OBS has these hotkeys registered (GetHotkeyList).
//
//   obs-ws-probe --port N [--password P] [--kind ID...] [--hotkey NAME...] --source NAME --out FILE.png
//                [--expect WHAT] [--timeout S]

#include "obs-ws-client.hpp"

#include <QByteArray>
#include <QImage>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using livegifts::smoke::Json;
using livegifts::smoke::ObsWsAnswer;
using livegifts::smoke::ObsWsClient;
using livegifts::smoke::ObsWsOptions;

struct Options {
	std::vector<std::string> kinds;
	std::vector<std::string> hotkeys;
	std::string source;
	std::string out;
	std::string expect = "fill";
};

bool contains(const std::vector<std::string> &list, const std::string &item)
{
	return std::find(list.begin(), list.end(), item) != list.end();
}

std::string joined(const std::vector<std::string> &list)
{
	std::string text;
	for (const std::string &item : list) {
		text += (text.empty() ? "" : ", ") + item;
	}
	return text;
}

std::vector<std::string> strings(const Json &array)
{
	std::vector<std::string> items;
	if (array.is_array()) {
		for (const Json &item : array) {
			if (item.is_string()) {
				items.push_back(item.get<std::string>());
			}
		}
	}
	return items;
}

// Checks OBS's screenshot of the source for what it should show; saves it to options.out.
void checkScreenshot(ObsWsClient &client, const Options &options, const Json &response)
{
	std::string data = response.value("imageData", std::string());
	data = data.substr(data.find(',') + 1);
	QImage image;
	image.loadFromData(QByteArray::fromBase64(QByteArray::fromStdString(data)), "PNG");
	if (image.isNull() || !image.save(QString::fromStdString(options.out))) {
		client.finish(1, "no screenshot of " + options.source);
		return;
	}
	// The bar's start is the pink fill colour (#FE3D7A) when the goal has any progress.
	long long pink = 0;
	long long opaque = 0;
	for (int y = 0; y < image.height(); ++y) {
		for (int x = 0; x < image.width(); ++x) {
			const QRgb p = image.pixel(x, y);
			opaque += qAlpha(p) > 200 ? 1 : 0;
			if (qAlpha(p) > 200 && qRed(p) > 200 && qGreen(p) < 110 && qBlue(p) > 80 && qBlue(p) < 170) {
				++pink;
			}
		}
	}
	const long long pixels = static_cast<long long>(image.width()) * image.height();
	bool ok = pink >= 50;
	if (options.expect == "card") {
		ok = opaque * 50 >= pixels;
	} else if (options.expect == "empty") {
		ok = opaque * 1000 < pixels;
	}
	const std::string counts = std::to_string(pink) + " pink, " + std::to_string(opaque) + " of " +
				   std::to_string(pixels) + " pixels opaque";
	if (!ok) {
		client.finish(1,
			      "screenshot " + options.out + " does not show " + options.expect + " (" + counts + ")");
		return;
	}
	client.finish(0, "OBS rendered " + options.source + " (" + std::to_string(image.width()) + "x" +
			     std::to_string(image.height()) + ", " + counts + ": " + options.expect + ") -> " +
			     options.out);
}

} // namespace

int main(int argc, char **argv)
{
	ObsWsOptions connection;
	connection.name = "obs-ws-probe";
	Options options;
	for (int i = 1; i + 1 < argc; i += 2) {
		const std::string arg = argv[i];
		const std::string value = argv[i + 1];
		if (arg == "--port") {
			connection.port = std::stoi(value);
		} else if (arg == "--password") {
			connection.password = value;
		} else if (arg == "--kind") {
			options.kinds.push_back(value);
		} else if (arg == "--source") {
			options.source = value;
		} else if (arg == "--out") {
			options.out = value;
		} else if (arg == "--hotkey") {
			options.hotkeys.push_back(value);
		} else if (arg == "--expect") {
			options.expect = value;
		} else if (arg == "--timeout") {
			connection.timeoutSeconds = std::stoi(value);
		}
	}

	ObsWsClient client(connection);
	// Each step ends the run when OBS refused the request.
	auto failed = [&client](const char *type, const ObsWsAnswer &answer) {
		if (!answer.ok) {
			client.finish(1, std::string(type) + " failed: " + answer.comment);
		}
		return !answer.ok;
	};
	auto screenshot = [&] {
		client.request("GetSourceScreenshot", {{"sourceName", options.source}, {"imageFormat", "png"}},
			       [&](const ObsWsAnswer &answer) {
				       if (!failed("GetSourceScreenshot", answer)) {
					       checkScreenshot(client, options, answer.data);
				       }
			       });
	};
	auto hotkeys = [&] {
		client.request("GetHotkeyList", Json::object(), [&](const ObsWsAnswer &answer) {
			if (failed("GetHotkeyList", answer)) {
				return;
			}
			const std::vector<std::string> names = strings(answer.data.value("hotkeys", Json::array()));
			for (const std::string &hotkey : options.hotkeys) {
				if (!contains(names, hotkey)) {
					client.finish(1, "hotkey " + hotkey + " is not registered");
					return;
				}
				client.say("OBS has hotkey " + hotkey);
			}
			screenshot();
		});
	};
	return client.run([&] {
		client.request("GetInputKindList", {{"unversioned", false}}, [&](const ObsWsAnswer &answer) {
			if (failed("GetInputKindList", answer)) {
				return;
			}
			const std::vector<std::string> offered =
			    strings(answer.data.value("inputKinds", Json::array()));
			for (const std::string &kind : options.kinds) {
				if (!contains(offered, kind)) {
					client.finish(1, "source kind " + kind +
							     " is not offered; OBS offers: " + joined(offered));
					return;
				}
				client.say("OBS offers source kind " + kind);
			}
			hotkeys();
		});
	});
}

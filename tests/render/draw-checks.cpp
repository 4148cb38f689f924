#include "draw-checks.hpp"

#include <QImage>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace render_host {
namespace {

long long cacheRenders(obs_source_t *source)
{
	calldata_t data = {};
	long long renders = -1;
	if (proc_handler_call(obs_source_get_proc_handler(source), "live_gifts_cache_renders", &data)) {
		renders = calldata_int(&data, "renders");
	}
	calldata_free(&data);
	return renders;
}

bool ready(obs_source_t *source)
{
	calldata_t data = {};
	bool value = false;
	if (proc_handler_call(obs_source_get_proc_handler(source), "live_gifts_ready", &data)) {
		value = calldata_bool(&data, "ready");
	}
	calldata_free(&data);
	return value;
}

// A count a source reports through `proc` as its int `out` (-1 when it has no such procedure).
long long procCount(obs_source_t *source, const char *proc, const char *out)
{
	calldata_t data = {};
	long long count = -1;
	if (proc_handler_call(obs_source_get_proc_handler(source), proc, &data)) {
		count = calldata_int(&data, out);
	}
	calldata_free(&data);
	return count;
}

// {"wait_ready": ["name", ...]}: waits (up to 30 s) until every named source has nothing left to paint.
bool waitReady(const nlohmann::json &step, const std::function<obs_source_t *(const std::string &)> &sourceNamed)
{
	if (!step.contains("wait_ready")) {
		return true;
	}
	const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
	for (const auto &name : step.at("wait_ready").get<std::vector<std::string>>()) {
		while (!ready(sourceNamed(name))) {
			if (std::chrono::steady_clock::now() > deadline) {
				std::printf("render-host: '%s' never had its pixels ready: FAILED\n", name.c_str());
				return false;
			}
			std::this_thread::sleep_for(std::chrono::milliseconds(10));
		}
	}
	return true;
}

struct DrawCalls {
	long long calls = -1;
	long long frames = -1;
	long long writes = -1;  // vertex buffers written and flushed
	long long nearest = -1; // draws that sampled the nearest texel
};

DrawCalls drawCalls(obs_source_t *source)
{
	calldata_t data = {};
	DrawCalls counts;
	if (proc_handler_call(obs_source_get_proc_handler(source), "live_gifts_draw_calls", &data)) {
		counts.calls = calldata_int(&data, "calls");
		counts.frames = calldata_int(&data, "frames");
		counts.writes = calldata_int(&data, "writes");
		counts.nearest = calldata_int(&data, "nearest");
	}
	calldata_free(&data);
	return counts;
}

// {"expect_draws": {"name": N, ...}, "expect_vertex_writes": {"name": W, ...}, "draw_frames": F}: over the next F
// frames (default 30) each source named in expect_draws made at most N draw calls per frame on average, and drew
// at least once; each named in expect_vertex_writes wrote (uploaded) at most W vertex buffers per frame.
bool checkDraws(const nlohmann::json &step, const std::function<obs_source_t *(const std::string &)> &sourceNamed,
		const Capture &capture)
{
	if (!step.contains("expect_draws") && !step.contains("expect_vertex_writes")) {
		return true;
	}
	const nlohmann::json none = nlohmann::json::object();
	const nlohmann::json &wantedDraws = step.contains("expect_draws") ? step.at("expect_draws") : none;
	const nlohmann::json &wantedWrites =
	    step.contains("expect_vertex_writes") ? step.at("expect_vertex_writes") : none;
	std::map<std::string, DrawCalls> before;
	for (const nlohmann::json *wanted : {&wantedDraws, &wantedWrites}) {
		for (const auto &item : wanted->items()) {
			before[item.key()] = drawCalls(sourceNamed(item.key()));
		}
	}
	const unsigned frames = step.value("draw_frames", 30u);
	capture.waitFrames(frames);
	bool ok = true;
	for (const nlohmann::json *wanted : {&wantedDraws, &wantedWrites}) {
		const bool draws = wanted == &wantedDraws;
		for (const auto &item : wanted->items()) {
			const DrawCalls &from = before[item.key()];
			const DrawCalls after = drawCalls(sourceNamed(item.key()));
			const long long count = draws ? after.calls - from.calls : after.writes - from.writes;
			const long long rendered = after.frames - from.frames;
			const double most = item.value().get<double>();
			const double perFrame =
			    rendered > 0 ? static_cast<double>(count) / static_cast<double>(rendered) : 0.0;
			const bool known = draws ? from.calls >= 0 && count > 0 : from.writes >= 0 && after.writes >= 0;
			const bool good = known && rendered > 0 && perFrame <= most;
			std::printf(
			    "render-host: '%s' made %lld %s in %lld renders (%.2f a frame, want at most %.2f): %s\n",
			    item.key().c_str(), count, draws ? "draw calls" : "vertex buffer writes", rendered,
			    perFrame, most, good ? "ok" : "FAILED");
			ok = ok && good;
		}
	}
	return ok;
}

// {"expect_nearest": {"name": N, ...}, "nearest_frames": F}: over the next F frames (default 30) each named source
// drew N draws a frame that sampled the nearest texel (its texels on pixels), on average (within 0.05).
bool checkNearest(const nlohmann::json &step, const std::function<obs_source_t *(const std::string &)> &sourceNamed,
		  const Capture &capture)
{
	if (!step.contains("expect_nearest")) {
		return true;
	}
	std::map<std::string, DrawCalls> before;
	for (const auto &item : step.at("expect_nearest").items()) {
		before[item.key()] = drawCalls(sourceNamed(item.key()));
	}
	const unsigned frames = step.value("nearest_frames", 30u);
	capture.waitFrames(frames);
	bool ok = true;
	for (const auto &item : step.at("expect_nearest").items()) {
		const DrawCalls &from = before[item.key()];
		const DrawCalls after = drawCalls(sourceNamed(item.key()));
		const long long rendered = after.frames - from.frames;
		const long long nearest = after.nearest - from.nearest;
		const double perFrame =
		    rendered > 0 ? static_cast<double>(nearest) / static_cast<double>(rendered) : -1.0;
		const double want = item.value().get<double>();
		const bool good = from.nearest >= 0 && rendered > 0 && perFrame > want - 0.05 && perFrame < want + 0.05;
		std::printf("render-host: '%s' sampled the nearest texel in %lld draws in %lld renders (%.2f a frame, "
			    "want %.2f): %s\n",
			    item.key().c_str(), nearest, rendered, perFrame, want, good ? "ok" : "FAILED");
		ok = ok && good;
	}
	return ok;
}

// {"remember_frame": "label"}: keeps the newest frame under the label. {"expect_same_frame": "label"}: the newest
// frame is the one kept under the label, to the bit (the count of pixels that differ is printed).
bool checkSameFrame(const nlohmann::json &step, const Capture &capture)
{
	static std::map<std::string, QImage> remembered; // the host's main thread only
	if (step.contains("remember_frame")) {
		remembered[step.at("remember_frame").get<std::string>()] = capture.image();
	}
	if (!step.contains("expect_same_frame")) {
		return true;
	}
	const std::string label = step.at("expect_same_frame").get<std::string>();
	const QImage now = capture.image();
	const auto found = remembered.find(label);
	if (found == remembered.end() || found->second.isNull() || now.size() != found->second.size()) {
		std::printf("render-host: no frame kept as '%s' of this size: FAILED\n", label.c_str());
		return false;
	}
	long long differ = 0;
	int largest = 0;
	for (int y = 0; y < now.height(); ++y) {
		const auto *a = reinterpret_cast<const QRgb *>(now.constScanLine(y));
		const auto *b = reinterpret_cast<const QRgb *>(found->second.constScanLine(y));
		for (int x = 0; x < now.width(); ++x) {
			if (a[x] != b[x]) {
				++differ;
				for (const int shift : {0, 8, 16, 24}) {
					largest = std::max(largest, std::abs(static_cast<int>((a[x] >> shift) & 0xFF) -
									     static_cast<int>((b[x] >> shift) & 0xFF)));
				}
			}
		}
	}
	std::printf("render-host: the frame against '%s': %lld pixels differ (largest difference %d): %s\n",
		    label.c_str(), differ, largest, differ == 0 ? "ok" : "FAILED");
	return differ == 0;
}

// {"expect_late_first_frames": {"name": N}}: how many new alerts of the source could not draw themselves in the
// frame that started them; {"expect_gpu_holding": {"name": 0, 1 or 2}}: what its card and combo hold on the GPU
// (nothing, a texture with its upload buffer, or a settled texture alone). {"expect_late_rows": {"name": N}}: how many
// changed rows a Top Supporters source applied before their new pixels were painted. {"expect_late_texts": {"name":
// N}}: how many new texts a Goal Bar applied (moving its bar) before they were painted.
bool checkLate(const nlohmann::json &step, const std::function<obs_source_t *(const std::string &)> &sourceNamed)
{
	struct Late {
		const char *key, *proc, *out, *what;
	};
	static constexpr Late kinds[] = {
	    {"expect_late_first_frames", "live_gifts_alert_figures", "late_frames",
	     "alerts started a frame or more before they were drawn"},
	    {"expect_gpu_holding", "live_gifts_alert_figures", "gpu",
	     "alert textures held (0 none, 1 with the upload buffer, 2 settled without it)"},
	    {"expect_late_rows", "live_gifts_late_rows", "rows", "rows applied before they were painted"},
	    {"expect_late_texts", "live_gifts_late_texts", "texts", "goal texts applied before they were painted"}};
	bool ok = true;
	for (const Late &kind : kinds) {
		if (!step.contains(kind.key)) {
			continue;
		}
		for (const auto &[name, want] : step.at(kind.key).items()) {
			const long long late = procCount(sourceNamed(name), kind.proc, kind.out);
			const bool same = late == want.get<long long>();
			std::printf("render-host: '%s' %s: %lld (want %lld): %s\n", name.c_str(), kind.what, late,
				    want.get<long long>(), same ? "ok" : "FAILED");
			ok = ok && same;
		}
	}
	return ok;
}

} // namespace

bool checkDrawStep(const nlohmann::json &step, const std::function<obs_source_t *(const std::string &)> &sourceNamed,
		   const Capture &capture)
{
	const bool waited = waitReady(step, sourceNamed);
	const bool late = checkLate(step, sourceNamed);
	const bool draws = checkDraws(step, sourceNamed, capture) && checkNearest(step, sourceNamed, capture);
	const bool sameFrames = checkSameFrame(step, capture);
	if (!step.contains("expect_still")) {
		return waited && late && draws && sameFrames;
	}
	std::vector<std::string> names = step.at("expect_still").get<std::vector<std::string>>();
	std::vector<long long> before;
	for (const auto &name : names) {
		before.push_back(cacheRenders(sourceNamed(name)));
	}
	const unsigned frames = step.value("still_frames", 30u);
	capture.waitFrames(frames);
	bool ok = true;
	for (std::size_t i = 0; i < names.size(); ++i) {
		const long long after = cacheRenders(sourceNamed(names[i]));
		const bool still = before[i] > 0 && after == before[i];
		std::printf(
		    "render-host: '%s' drew its parts into its cache %lld times, %lld over %u more frames: %s\n",
		    names[i].c_str(), before[i], after - before[i], frames, still ? "ok" : "FAILED");
		ok = ok && still;
	}
	return ok && waited && late && draws && sameFrames;
}

} // namespace render_host

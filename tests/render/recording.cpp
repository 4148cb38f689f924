#include "recording.hpp"

#include "obs-session.hpp"

#include <QPainter>

#include <obs.h>
#include <obs.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <utility>

#include <sys/resource.h>
#include <unistd.h>

namespace render_host {

namespace {

// CPU seconds each thread whose name starts with `prefix` has used so far (Linux /proc), by thread id.
std::vector<std::pair<std::string, double>> threadCpu(const std::string &prefix)
{
	std::vector<std::pair<std::string, double>> found;
	std::error_code failed;
	for (const auto &task : std::filesystem::directory_iterator("/proc/self/task", failed)) {
		std::ifstream statFile(task.path() / "stat");
		std::string stat((std::istreambuf_iterator<char>(statFile)), std::istreambuf_iterator<char>());
		const size_t open = stat.find('('), close = stat.rfind(')');
		if (open == std::string::npos || close == std::string::npos ||
		    stat.compare(open + 1, prefix.size(), prefix) != 0) {
			continue;
		}
		std::istringstream fields(stat.substr(close + 2));
		std::string field;
		unsigned long long utime = 0, stime = 0;
		for (int i = 3; i <= 15 && fields >> field; ++i) {
			if (i == 14) {
				utime = std::stoull(field);
			} else if (i == 15) {
				stime = std::stoull(field);
			}
		}
		found.emplace_back(task.path().filename().string(),
				   static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK)));
	}
	return found;
}

double threadCpuTotal(const std::string &prefix)
{
	double total = 0.0;
	for (const auto &[id, seconds] : threadCpu(prefix)) {
		total += seconds;
	}
	return total;
}

// A figure, not a check: CPU seconds each of our sound workers has used so far.
void printWorkerCpu()
{
	for (const auto &[id, seconds] : threadCpu("live-gifts: so")) {
		std::printf("render-host: sound worker %s: cpu_s=%.3f\n", id.c_str(), seconds);
	}
}

} // namespace

std::vector<Moment> record(const Options &options, const Capture &capture, double seconds, int everyMs,
			   std::vector<TimedAction> actions)
{
	const nlohmann::json videoSettings = {
	    {"rate_control", "CRF"}, {"crf", 20}, {"preset", "veryfast"}, {"keyint_sec", 2}};
	OBSEncoderAutoRelease video(
	    obs_video_encoder_create("obs_x264", "demo-h264", toObsData(videoSettings), nullptr));
	OBSEncoderAutoRelease audio(
	    obs_audio_encoder_create("ffmpeg_aac", "demo-aac", toObsData({{"bitrate", 128}}), 0, nullptr));
	if (!video || !audio) {
		fail("cannot create the x264 / AAC encoders");
	}
	obs_encoder_set_video(video, obs_get_video());
	obs_encoder_set_audio(audio, obs_get_audio());
	std::filesystem::create_directories(std::filesystem::path(options.recordOut).parent_path());
	OBSOutputAutoRelease output(
	    obs_output_create("ffmpeg_muxer", "demo-recording", toObsData({{"path", options.recordOut}}), nullptr));
	if (!output) {
		fail("cannot create the ffmpeg_muxer output");
	}
	obs_output_set_video_encoder(output, video);
	obs_output_set_audio_encoder(output, audio, 0);
	if (!obs_output_start(output)) {
		const char *error = obs_output_get_last_error(output);
		fail(std::string("recording did not start: ") + (error ? error : "unknown error"));
	}
	std::vector<Moment> moments;
	const auto start = std::chrono::steady_clock::now();
	auto nextMoment = start + std::chrono::milliseconds(everyMs / 2);
	for (;;) {
		const auto now = std::chrono::steady_clock::now();
		const double elapsed = std::chrono::duration<double>(now - start).count();
		if (elapsed >= seconds) {
			break;
		}
		for (auto &timed : actions) {
			if (timed.action && elapsed >= timed.seconds) {
				std::printf("render-host: action at %.3f s of the recording\n", elapsed);
				std::exchange(timed.action, nullptr)();
			}
		}
		if (now >= nextMoment) {
			QImage still = capture.image();
			if (!still.isNull()) {
				moments.push_back({elapsed, std::move(still)});
			}
			nextMoment += std::chrono::milliseconds(everyMs);
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(10));
	}
	obs_output_stop(output);
	const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
	while (obs_output_active(output) && std::chrono::steady_clock::now() < deadline) {
		std::this_thread::sleep_for(std::chrono::milliseconds(50));
	}
	printWorkerCpu();
	std::printf("render-host: recorded %.1f s to %s (%u frames dropped of %d)\n", seconds,
		    options.recordOut.c_str(), obs_output_get_frames_dropped(output),
		    obs_output_get_total_frames(output));
	return moments;
}

QImage contactSheet(const std::vector<Moment> &moments)
{
	if (moments.empty()) {
		return {};
	}
	const int columns = 2;
	const QSize thumb = moments.front().image.size() / 2;
	const int rows = static_cast<int>((moments.size() + columns - 1) / columns);
	QImage sheet(thumb.width() * columns + 8 * (columns + 1), (thumb.height() + 8) * rows + 8,
		     QImage::Format_RGB32);
	sheet.fill(QColor(16, 16, 20));
	QPainter painter(&sheet);
	painter.setRenderHint(QPainter::SmoothPixmapTransform);
	QFont font;
	font.setPixelSize(18);
	font.setBold(true);
	painter.setFont(font);
	for (size_t i = 0; i < moments.size(); ++i) {
		const int x = 8 + static_cast<int>(i % columns) * (thumb.width() + 8);
		const int y = 8 + static_cast<int>(i / columns) * (thumb.height() + 8);
		painter.drawImage(QRect(QPoint(x, y), thumb), moments[i].image);
		painter.setPen(Qt::white);
		painter.drawText(x + 8, y + 24, QStringLiteral("t = %1 s").arg(moments[i].seconds, 0, 'f', 1));
	}
	return sheet;
}

namespace {

double processCpuSeconds()
{
	rusage usage = {};
	getrusage(RUSAGE_SELF, &usage);
	return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
	       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

} // namespace

void bench(const Capture &capture, double seconds)
{
	// OBS's graphics thread (ticks and draws every source) and Mesa's llvmpipe rasterizer threads (the GPU
	// fill, on the CPU here) are counted apart as well as the whole process.
	const double cpuBefore = processCpuSeconds();
	const double graphicsBefore = threadCpuTotal("libobs: graphic");
	const double fillBefore = threadCpuTotal("llvmpipe");
	const uint64_t framesBefore = capture.frames();
	const auto start = std::chrono::steady_clock::now();
	std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
	const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
	const double cpu = processCpuSeconds() - cpuBefore;
	const double graphics = threadCpuTotal("libobs: graphic") - graphicsBefore;
	const double fill = threadCpuTotal("llvmpipe") - fillBefore;
	std::printf("bench: wall_s=%.1f frames=%llu cpu_s=%.2f cpu_s_per_min=%.2f graphics_s_per_min=%.2f "
		    "llvmpipe_s_per_min=%.2f obs_render_ms_per_frame=%.3f\n",
		    wall, static_cast<unsigned long long>(capture.frames() - framesBefore), cpu, cpu * 60.0 / wall,
		    graphics * 60.0 / wall, fill * 60.0 / wall,
		    static_cast<double>(obs_get_average_frame_time_ns()) / 1e6);
}

} // namespace render_host

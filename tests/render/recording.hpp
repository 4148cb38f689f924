#pragma once

// Beyond the still: a recording of the program output with OBS's own outputs, a contact sheet of its
// moments, and a CPU-time benchmark.

#include "capture.hpp"
#include "host-options.hpp"

#include <QImage>

#include <functional>
#include <vector>

namespace render_host {

struct Moment {
	double seconds;
	QImage image;
};

// Something done at a time of the recording (seconds after it started), such as feeding a gift.
struct TimedAction {
	double seconds;
	std::function<void()> action;
};

// Records the program output to options.recordOut (obs-x264 + ffmpeg_aac into ffmpeg_muxer) for `seconds`,
// taking a still of the canvas every `everyMs` for the contact sheet and running each action at its time.
std::vector<Moment> record(const Options &options, const Capture &capture, double seconds, int everyMs,
			   std::vector<TimedAction> actions = {});

// Moments side by side, two to a row at half size, each labelled with its time.
QImage contactSheet(const std::vector<Moment> &moments);

// Prints the process CPU time (every thread: OBS's graphics thread, Mesa's llvmpipe rasteriser threads, our
// workers) and OBS's own average render time per frame, over `seconds` of running.
void bench(const Capture &capture, double seconds);

} // namespace render_host

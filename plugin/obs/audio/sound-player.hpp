#pragma once

// A source's own sound output: plays an alert's sound as the source's audio (obs_source_output_audio),
// so it is in the stream, in OBS's mixer and in monitoring like any audio source. One worker thread per
// player decodes through the module's SoundCache and then feeds the clip in small chunks, each with the
// timestamp it plays at, a little ahead of time. A new sound cuts the one playing.
//
// Threads: play() and prepareLater() are called from the video thread, prepareNow() from the engine thread;
// they only hand a request over (a lock held for a copy, never during decoding, I/O, logging or sleeping).
// Everything else runs on the worker.

#include "view/sound-spec.hpp"

#include <media-io/audio-io.h>
#include <obs.h>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace livegifts::obs {

struct PcmClip;

class SoundPlayer {
public:
	// `source` must outlive the player (its owner destroys the player first).
	explicit SoundPlayer(obs_source_t *source);
	~SoundPlayer(); // stops playing and joins the worker
	SoundPlayer(const SoundPlayer &) = delete;
	SoundPlayer &operator=(const SoundPlayer &) = delete;

	// Plays `sound` now (an empty one plays nothing). Any thread; never waits on I/O.
	void play(const view::SoundSpec &sound);
	// Cuts the sound playing (what was already handed to OBS, under 0.1 s, still plays). Any thread.
	void stop();
	// Keeps these sounds to decode ahead, so that an alert plays without waiting for its file, once there is
	// something to play (prepareNow, or the next play()): a source that never shows an alert decodes nothing
	// and keeps no samples. Any thread.
	void prepareLater(std::vector<view::SoundSpec> sounds);
	// Decodes the sounds kept by prepareLater, if any (an alert is on its way). Any thread; never waits on I/O.
	void prepareNow();

private:
	void run();
	// Worker, before decoding ahead[from]: when a sound to play (or the stop) is waiting, hands ahead[from...]
	// back to be decoded after it and returns true.
	bool deferAhead(std::vector<view::SoundSpec> &ahead, size_t from);
	// With mutex_ held: hands the sounds kept by prepareLater to the worker; false when there were none.
	bool takeLater();
	// Outputs the clip chunk by chunk; false when stopped or cut by a new sound.
	bool output(const PcmClip &clip, float volume, speaker_layout speakers);
	// Waits until `ns` (os_gettime_ns time) or a new request; true when the wait was cut.
	bool waitUntil(uint64_t ns);

	obs_source_t *source_; // not owned; read by the worker

	std::mutex mutex_; // guards the requests below (held for a copy only)
	std::condition_variable wake_;
	std::optional<view::SoundSpec> next_;  // under mutex_: the sound to play next
	std::vector<view::SoundSpec> prepare_; // under mutex_: sounds to decode ahead
	std::vector<view::SoundSpec> later_;   // under mutex_: sounds to decode ahead once something plays
	bool stop_ = false;                    // under mutex_

	uint64_t nextTimestamp_ = 0; // worker: where the last chunk ended (os_gettime_ns time)
	std::thread worker_;         // started by the constructor, joined by the destructor
};

} // namespace livegifts::obs

#include "core/engine.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

#include "core/ledger.hpp"
#include "core/normalize.hpp"
#include "core/tally.hpp"

namespace livegifts {

namespace {

// One thing to do on the worker, in submission order.
struct WorkItem {
	std::string frame;            // a frame when `command` is empty
	std::uint64_t lineNumber = 0; // 0: name it by frame number
	std::function<void()> command;
};

constexpr std::size_t maxBatch = 4096;

// The published snapshot. A swap of one pointer under a mutex that is never held for more than that copy
// (no I/O, no allocation, no destruction): readers on the video thread never wait for the worker's work.
// (libstdc++ 12's std::atomic<std::shared_ptr> releases its internal lock with relaxed order after a
// load, which ThreadSanitizer rightly reports. A spin flag with atomic wait/notify_one was used before; a
// render test once hung with a futex error from libstdc++ 12's waiter pool, so this uses a plain mutex.)
class SnapshotSlot {
public:
	std::shared_ptr<const Snapshot> load() const
	{
		std::lock_guard lock(mutex_);
		return ptr_;
	}
	void store(std::shared_ptr<const Snapshot> next)
	{
		{
			std::lock_guard lock(mutex_);
			ptr_.swap(next);
		}
		// `next` now holds the previous snapshot; it is released here, outside the lock.
	}

private:
	mutable std::mutex mutex_; // guards ptr_ only, for the length of one pointer copy
	std::shared_ptr<const Snapshot> ptr_;
};

} // namespace

struct Engine::Impl {
	explicit Impl(const EngineOptions &options)
	    : opts(options), logger(options.logger != nullptr ? options.logger : &nullLogger()),
	      clock(options.clock != nullptr ? options.clock : &steadyClock()),
	      tally(TallyOptions{options.streakQuietTimeoutMs, options.dedupeCapacity, options.topN,
				 options.activityCapacity},
		    logger),
	      parser(options.maxFrameBytes)
	{
	}

	EngineOptions opts;
	Logger *logger;
	Clock *clock;

	// Worker-owned state.
	Tally tally;
	FrameParser parser;
	std::unique_ptr<Ledger> ledger;
	bool ledgerOk = true;
	std::string ledgerError;
	Millis eventNow = unknownTime;
	std::uint64_t frameNumber = 0;
	int busyFailures = 0; // consecutive commits refused because another program holds the database
	static constexpr int maxBusyFailures = 1200; // about 5 minutes of 250 ms waits
	std::uint64_t publishedChange = UINT64_MAX;
	std::uint64_t version = 0;
	std::vector<Event> events; // reused

	// Shared with submitters, guarded by `mutex`.
	std::mutex mutex;
	std::condition_variable wake;
	std::condition_variable done;
	std::deque<WorkItem> queue;
	std::uint64_t submitted = 0;
	std::uint64_t applied = 0;
	bool stopping = false;

	// The published snapshot (pointer swap; readers never wait for the worker).
	SnapshotSlot snapshot;

	std::thread worker;

	// Engine time: the clock, or in event-time mode the latest createTime of a message that was not a
	// duplicate (so a resumed replay's time starts where the first run stopped).
	Millis now()
	{
		if (opts.useEventTime) {
			return eventNow;
		}
		return clock->nowMs();
	}

	std::uint64_t enqueue(WorkItem item)
	{
		std::uint64_t ticket = 0;
		{
			std::lock_guard lock(mutex);
			queue.push_back(std::move(item));
			ticket = ++submitted;
		}
		wake.notify_one();
		return ticket;
	}

	void waitFor(std::uint64_t ticket)
	{
		std::unique_lock lock(mutex);
		done.wait(lock, [&] { return applied >= ticket; });
	}

	void resetTally()
	{
		tally = Tally(
		    TallyOptions{opts.streakQuietTimeoutMs, opts.dedupeCapacity, opts.topN, opts.activityCapacity},
		    logger);
	}

	void memoryOnly(const std::string &why)
	{
		ledger.reset();
		tally.stopRecordingWrites();
		ledgerOk = false;
		ledgerError = "ledger unusable, counting in memory only: " + why;
		logger->log(LogLevel::Error, ledgerError);
	}

	void openLedger()
	{
		if (opts.ledgerPath.empty()) {
			tally.stopRecordingWrites();
			return;
		}
		std::string notice;
		std::string error;
		ledger = Ledger::open(opts.ledgerPath, *logger, notice, error);
		if (!notice.empty()) {
			ledgerError = notice; // moved aside: the engine still has a ledger
		}
		if (!ledger) {
			memoryOnly(error);
			return;
		}
		if (!ledger->load(tally, now(), opts.dedupeCapacity, error)) {
			resetTally();
			if (!ledger->damaged()) {
				memoryOnly(error);
				return;
			}
			// Damage found while reading: keep the file for the streamer, start a new ledger.
			ledger.reset();
			const std::string aside = Ledger::moveAside(opts.ledgerPath);
			if (aside.empty()) {
				memoryOnly(error + " (and it could not be moved aside)");
				return;
			}
			ledgerError = "ledger '" + opts.ledgerPath + "' is damaged (" + error + "); moved to '" +
				      aside + "', starting a new ledger";
			logger->log(LogLevel::Error, ledgerError);
			error.clear();
			ledger = Ledger::open(opts.ledgerPath, *logger, notice, error);
			if (!ledger || !ledger->load(tally, now(), opts.dedupeCapacity, error)) {
				resetTally();
				memoryOnly(error);
				return;
			}
		}
		Ledger *raw = ledger.get();
		tally.setLedgerLookup([raw](std::string_view msgId) { return raw->containsMsgId(msgId); });
	}

	void processFrame(WorkItem &item)
	{
		++frameNumber;
		++tally.stats().frames;
		events.clear();
		const ParseResult result = parser.parse(item.frame, events);
		const std::string where = item.lineNumber != 0 ? "line " + std::to_string(item.lineNumber)
							       : "frame " + std::to_string(frameNumber);
		if (result.repairedUtf8) {
			++tally.stats().repairedUtf8;
			logger->log(LogLevel::Warning, where + ": invalid UTF-8 replaced by U+FFFD");
		}
		for (const auto &error : result.errors) {
			++tally.stats().errors;
			logger->log(LogLevel::Warning, where + ": " + error.message);
		}
		if (!result.errors.empty()) {
			tally.noteChange();
		}
		for (const Event &event : events) {
			if (!opts.useEventTime) {
				tally.apply(event, now());
				continue;
			}
			const Millis at =
			    event.createTimeMs > 0 && (eventNow == unknownTime || event.createTimeMs > eventNow)
				? event.createTimeMs
				: eventNow;
			const auto outcome = tally.apply(event, at);
			if (outcome == Tally::Outcome::Counted || outcome == Tally::Outcome::Updated) {
				eventNow = at;
			}
		}
	}

	void commit()
	{
		if (!ledger) {
			tally.clearPending();
			return;
		}
		if (tally.pending().empty()) {
			return;
		}
		std::string error;
		if (ledger->commit(tally, error)) {
			if (busyFailures > 0) {
				logger->log(LogLevel::Info, "ledger writable again");
				busyFailures = 0;
			}
			return;
		}
		if (ledger->failedTransiently() && ++busyFailures < maxBusyFailures) {
			if (busyFailures == 1) {
				logger->log(LogLevel::Warning, "ledger busy (" + error + "), will retry");
			}
			return;
		}
		ledgerOk = false;
		ledgerError = "ledger write failed, counting in memory only: " + error;
		logger->log(LogLevel::Error, ledgerError);
		tally.setLedgerLookup({});
		ledger.reset();
		tally.stopRecordingWrites();
		tally.noteChange();
	}

	void publish()
	{
		if (tally.changeCount() == publishedChange) {
			return;
		}
		publishedChange = tally.changeCount();
		auto next = std::make_shared<Snapshot>();
		tally.fillSnapshot(*next);
		next->version = ++version;
		next->ledgerOk = ledgerOk;
		next->ledgerError = ledgerError;
		snapshot.store(std::move(next));
	}

	void run()
	{
		openLedger();
		publish();
		std::vector<WorkItem> batch;
		for (;;) {
			{
				std::unique_lock lock(mutex);
				for (;;) {
					if (!queue.empty() || stopping) {
						break;
					}
					const Millis deadline = tally.nextDeadline();
					if (deadline != INT64_MAX && !opts.useEventTime) {
						const Millis current = now();
						const Millis wait = deadline <= current
									? 0
									: std::min<Millis>(deadline - current, 1000);
						if (wait == 0) {
							break;
						}
						wake.wait_for(lock, std::chrono::milliseconds(wait));
						if (queue.empty() && !stopping) {
							break; // time to close quiet streaks
						}
					} else {
						wake.wait(lock);
					}
				}
				if (queue.empty() && stopping) {
					break;
				}
				const std::size_t take = std::min(queue.size(), maxBatch);
				batch.clear();
				for (std::size_t i = 0; i < take; ++i) {
					batch.push_back(std::move(queue.front()));
					queue.pop_front();
				}
			}
			for (auto &item : batch) {
				if (item.command) {
					item.command();
				} else {
					processFrame(item);
				}
			}
			if (!opts.useEventTime) {
				tally.tick(now());
			}
			commit();
			publish();
			{
				std::lock_guard lock(mutex);
				applied += batch.size();
			}
			done.notify_all();
		}
		// Shutting down: give a busy ledger a few more seconds for the last batch.
		commit();
		for (int attempt = 0; attempt < 20 && ledger && !tally.pending().empty(); ++attempt) {
			commit();
		}
		publish();
	}
};

Engine::Engine(EngineOptions options) : options_(std::move(options)), impl_(std::make_unique<Impl>(options_))
{
	impl_->snapshot.store(std::make_shared<const Snapshot>());
	impl_->worker = std::thread([impl = impl_.get()] { impl->run(); });
}

Engine::~Engine()
{
	{
		std::lock_guard lock(impl_->mutex);
		impl_->stopping = true;
	}
	impl_->wake.notify_all();
	if (impl_->worker.joinable()) {
		impl_->worker.join();
	}
}

void Engine::submitFrame(std::string frame)
{
	impl_->enqueue(WorkItem{std::move(frame), 0, {}});
}

void Engine::submitFrame(std::string frame, std::uint64_t lineNumber)
{
	impl_->enqueue(WorkItem{std::move(frame), lineNumber, {}});
}

std::shared_ptr<const Snapshot> Engine::snapshot() const
{
	return impl_->snapshot.load();
}

void Engine::flush()
{
	impl_->waitFor(impl_->enqueue(WorkItem{{}, 0, [] {}}));
}

void Engine::startStream()
{
	Impl *impl = impl_.get();
	impl->enqueue(WorkItem{{}, 0, [impl] { impl->tally.startStream(impl->now()); }});
}

void Engine::endStream()
{
	Impl *impl = impl_.get();
	impl->enqueue(WorkItem{{}, 0, [impl] { impl->tally.endStream(impl->now()); }});
}

void Engine::endOfInput()
{
	Impl *impl = impl_.get();
	impl->enqueue(WorkItem{{}, 0, [impl] { impl->tally.closeOpenStreaks(impl->now()); }});
}

void Engine::resetGoal(const std::string &goalId)
{
	Impl *impl = impl_.get();
	impl->enqueue(WorkItem{{}, 0, [impl, goalId] { impl->tally.resetGoal(goalId); }});
}

void Engine::resetStream()
{
	Impl *impl = impl_.get();
	impl->enqueue(WorkItem{{}, 0, [impl] { impl->tally.resetStream(impl->now()); }});
}

void Engine::resetAll()
{
	Impl *impl = impl_.get();
	impl->enqueue(WorkItem{{}, 0, [impl] { impl->tally.resetAll(impl->now()); }});
}

void Engine::setGoal(GoalSpec spec)
{
	Impl *impl = impl_.get();
	impl->enqueue(WorkItem{{}, 0, [impl, spec = std::move(spec)] { impl->tally.setGoal(spec); }});
}

void Engine::removeGoal(const std::string &goalId)
{
	Impl *impl = impl_.get();
	impl->enqueue(WorkItem{{}, 0, [impl, goalId] { impl->tally.removeGoal(goalId); }});
}

std::vector<SupporterEntry> Engine::supporters(bool allTime, std::size_t limit)
{
	Impl *impl = impl_.get();
	std::vector<SupporterEntry> result;
	impl->waitFor(impl->enqueue(
	    WorkItem{{}, 0, [impl, &result, allTime, limit] { result = impl->tally.supporters(allTime, limit); }}));
	return result;
}

} // namespace livegifts

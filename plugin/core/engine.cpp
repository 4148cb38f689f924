#include "core/engine.hpp"

#include <algorithm>
#include <chrono>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <thread>

#include "core/heap.hpp"
#include "core/ledger-keeper.hpp"
#include "core/limits.hpp"
#include "core/shared-slot.hpp"
#include "core/tally.hpp"
#include "core/work-queue.hpp"

namespace livegifts {

namespace {

// One thing to do on the worker, in submission order.
struct WorkItem {
	enum class Type { Text, Parsed, Command, Stop };
	Type type = Type::Command;
	std::string text;             // Text: a raw frame
	std::uint64_t lineNumber = 0; // Text: its line in an input file, 0 to name it by frame number
	ParsedFrame parsed;           // Parsed
	std::function<void()> command;
	// Fulfilled once the batch holding this item is applied, committed and published.
	std::shared_ptr<std::promise<void>> done;
};

constexpr std::size_t maxBatch = 4096;

LedgerKeeperOptions keeperOptions(const EngineOptions &options)
{
	LedgerKeeperOptions out;
	out.memoryRows = options.ledgerMemoryRows;
	out.firstRetryMs = options.ledgerRetryMs;
	out.longestRetryMs = options.ledgerLongestRetryMs;
	out.beforeWrite = options.ledgerBeforeWrite;
	return out;
}

TallyOptions tallyOptions(const EngineOptions &options)
{
	TallyOptions tally{options.streakQuietTimeoutMs, options.dedupeCapacity, options.topN,
			   options.activityCapacity};
	tally.streamSilenceMs = options.streamSilenceMs;
	return tally;
}

} // namespace

struct Engine::Impl {
	explicit Impl(const EngineOptions &options)
	    : opts(options), logger(options.logger != nullptr ? options.logger : &nullLogger()),
	      clock(options.clock != nullptr ? options.clock : &steadyClock()), tally(tallyOptions(options), logger),
	      parser(options.maxFrameBytes),
	      ledger(options.ledgerPath, options.dedupeCapacity, *logger, *clock, keeperOptions(options))
	{
	}

	EngineOptions opts;
	Logger *logger;
	Clock *clock;

	// Worker-owned state.
	Tally tally;
	FrameParser parser; // for submitFrame's raw text
	LedgerKeeper ledger;
	Millis eventNow = unknownTime;
	std::uint64_t frameNumber = 0;
	// What the last published snapshot showed: a batch the ledger wrote without changing its status publishes
	// no second snapshot (every source would look at it again).
	std::uint64_t publishedChange = UINT64_MAX;
	std::optional<LedgerStatus> publishedStatus;
	bool publishedOk = false;
	std::string publishedError;
	// Events whose msgId lookup failed, and every event after them (in order): applied once the ledger
	// answers again, tried with the write backoff.
	std::deque<Event> held;
	Millis heldNextTry = 0;
	Millis heldBackoff = 0;
	LedgerExit exitReport; // set by the worker as it ends, read after join
	std::uint64_t version = 0;

	// Submitters push from any thread, the worker pops.
	WorkQueue<WorkItem> queue;

	// The published snapshot (pointer swap; readers never wait for the worker).
	SharedSlot<const Snapshot> snapshot;

	std::thread worker; // started by the constructor, joined by the destructor

	// Engine time: the clock, or in event-time mode the latest createTime of a message that was not a
	// duplicate (so a resumed replay's time starts where the first run stopped).
	Millis now()
	{
		if (opts.useEventTime) {
			return eventNow;
		}
		return clock->nowMs();
	}

	void log(LogLevel level, const std::string &message) noexcept
	{
		try {
			logger->log(level, message);
		} catch (...) {
			// a logger that throws must not end the worker either
		}
	}

	// Runs `work`; anything it throws is logged and dropped.
	template <typename Work>
	void guarded(const char *what, Work &&work) noexcept
	{
		try {
			work();
		} catch (const std::exception &e) {
			log(LogLevel::Error, std::string("engine: ") + what + " failed: " + e.what());
		} catch (...) {
			log(LogLevel::Error, std::string("engine: ") + what + " failed with an unknown exception");
		}
	}

	// Enqueues a command and waits until its batch is applied, committed and published.
	void runAndWait(std::function<void()> command)
	{
		auto done = std::make_shared<std::promise<void>>();
		auto finished = done->get_future();
		WorkItem item;
		item.command = std::move(command);
		item.done = std::move(done);
		if (queue.push(std::move(item))) {
			finished.wait();
		}
	}

	void enqueueCommand(std::function<void()> command)
	{
		WorkItem item;
		item.command = std::move(command);
		queue.push(std::move(item));
	}

	void resetTally() { tally = Tally(tallyOptions(opts), logger); }

	void applyParsed(const ParsedFrame &frame, std::uint64_t lineNumber)
	{
		++frameNumber;
		++tally.stats().frames;
		const ParseResult &result = frame.result;
		if (result.repairedUtf8 || !result.errors.empty()) {
			const std::string where = lineNumber != 0 ? "line " + std::to_string(lineNumber)
								  : "frame " + std::to_string(frameNumber);
			if (result.repairedUtf8) {
				++tally.stats().repairedUtf8;
				log(LogLevel::Warning,
				    where + ": invalid UTF-8 or a lone surrogate escape replaced by U+FFFD");
			}
			for (const auto &error : result.errors) {
				++tally.stats().errors;
				log(LogLevel::Warning, where + ": " + error.message);
			}
		}
		if (!result.errors.empty()) {
			tally.noteChange();
		}
		for (const Event &event : frame.events) {
			applyEvent(event);
		}
	}

	void applyEvent(const Event &event)
	{
		if (!held.empty() || applyNow(event) == Tally::Outcome::Held) {
			if (held.empty()) {
				heldBackoff = opts.ledgerRetryMs;
				heldNextTry = clock->nowMs() + heldBackoff;
			}
			held.push_back(event);
		}
	}

	Tally::Outcome applyNow(const Event &event)
	{
		if (!opts.useEventTime) {
			return tally.apply(event, now());
		}
		const Millis at = event.createTimeMs > 0 && (eventNow == unknownTime || event.createTimeMs > eventNow)
				      ? event.createTimeMs
				      : eventNow;
		const auto outcome = tally.apply(event, at);
		if (outcome == Tally::Outcome::Counted || outcome == Tally::Outcome::Updated) {
			eventNow = at;
		}
		return outcome;
	}

	// Applies held events once the ledger answers their lookups again, in order.
	void applyHeld(bool force)
	{
		if (held.empty() || (!force && clock->nowMs() < heldNextTry)) {
			return;
		}
		while (!held.empty()) {
			if (applyNow(held.front()) == Tally::Outcome::Held) {
				heldBackoff = std::min(std::max<Millis>(heldBackoff * 2, 1), opts.ledgerLongestRetryMs);
				heldNextTry = clock->nowMs() + heldBackoff;
				return;
			}
			held.pop_front();
		}
		ledger.noteLookupError({});
		tally.noteChange();
	}

	// Returns false for the Stop item.
	bool process(WorkItem &item)
	{
		switch (item.type) {
		case WorkItem::Type::Text: {
			{
				ParsedFrame parsed;
				parsed.result = parser.parse(item.text, parsed.events);
				applyParsed(parsed, item.lineNumber);
			}
			if (item.text.size() >= limits::releaseAfterBytes) {
				// A large frame leaves no lasting RSS: its text and the parser's buffers are gone,
				// the free heap goes back to the system.
				std::string().swap(item.text);
				releaseFreeHeap();
			}
			break;
		}
		case WorkItem::Type::Parsed:
			applyParsed(item.parsed, item.lineNumber);
			break;
		case WorkItem::Type::Command:
			if (item.command) {
				item.command();
			}
			break;
		case WorkItem::Type::Stop:
			return false;
		}
		return true;
	}

	void publish()
	{
		LedgerStatus status = ledger.status();
		status.heldMessages = static_cast<std::int64_t>(held.size());
		const bool ok = ledger.ok() && held.empty();
		std::string error = ledger.error();
		if (tally.changeCount() == publishedChange && publishedStatus == status && ok == publishedOk &&
		    error == publishedError) {
			return;
		}
		publishedChange = tally.changeCount();
		publishedStatus = status;
		publishedOk = ok;
		publishedError = error;
		auto next = std::make_shared<Snapshot>();
		// The last published snapshot lends what did not change (fillSnapshot takes nothing from a snapshot
		// another Tally made, as the first, empty one or one from before resetTally()).
		const SnapshotPtr last = snapshot.load();
		tally.fillSnapshot(*next, last.get());
		next->version = ++version;
		next->ledgerOk = ok;
		next->ledgerError = std::move(error);
		next->ledger = std::move(status);
		snapshot.store(std::move(next));
		if (opts.onPublish) {
			opts.onPublish();
		}
	}

	// The next item, or nullopt when quiet streaks are due to close first.
	std::optional<WorkItem> nextItem()
	{
		Millis wait = INT64_MAX;
		const Millis deadline = tally.nextDeadline();
		if (deadline != INT64_MAX && !opts.useEventTime) {
			const Millis current = now();
			wait = deadline <= current ? 0 : deadline - current;
		}
		// A failed write or held lookups are tried again on the clock even when no input arrives.
		Millis retry = ledger.retryAt();
		if (!held.empty()) {
			retry = std::min(retry, heldNextTry);
		}
		if (retry != INT64_MAX) {
			const Millis current = clock->nowMs();
			wait = std::min(wait, retry <= current ? 0 : retry - current);
		}
		if (wait == INT64_MAX) {
			return queue.pop();
		}
		wait = std::min<Millis>(wait, 1000);
		return queue.popUntil(std::chrono::steady_clock::now() + std::chrono::milliseconds(wait));
	}

	// Waits for the next item, then takes what else is queued (without waiting). Leaves `batch` empty when
	// quiet streaks are due to close first.
	void collectBatch(std::vector<WorkItem> &batch)
	{
		std::optional<WorkItem> first = nextItem();
		if (!first) {
			return;
		}
		batch.push_back(std::move(*first));
		while (batch.size() < maxBatch) {
			std::optional<WorkItem> more = queue.popUntil(std::chrono::steady_clock::time_point{});
			if (!more) {
				break;
			}
			batch.push_back(std::move(*more));
		}
	}

	// Applies one batch; returns false once the Stop item was seen.
	bool runBatch(std::vector<WorkItem> &batch)
	{
		bool running = true;
		guarded("held messages", [&] { applyHeld(false); });
		for (auto &item : batch) {
			if (!running) {
				break;
			}
			guarded("a queued item", [&] { running = process(item); });
		}
		guarded("the streak clock", [&] {
			if (!opts.useEventTime) {
				tally.tick(now());
			}
		});
		// What the batch changed is shown before the ledger write (an SQLite transaction, a disk sync): the
		// screen never waits for the disk.
		guarded("publishing a snapshot", [&] { publish(); });
		guarded("the ledger commit", [&] { ledger.commit(tally); });
		// The write's own status (rows written, an error) follows at once when nothing else is queued or
		// someone waits for this batch; otherwise the next batch, right behind, publishes it.
		const bool waited =
		    std::any_of(batch.begin(), batch.end(), [](const WorkItem &item) { return item.done != nullptr; });
		if (waited || queue.size() == 0) {
			guarded("publishing a snapshot", [&] { publish(); });
		}
		for (auto &item : batch) {
			if (item.done) {
				item.done->set_value();
			}
		}
		return running;
	}

	void run() noexcept
	{
		guarded("opening the ledger", [&] {
			ledger.open(tally, now(), [this] { resetTally(); });
			// stream boundaries: the restored stream's last event on this run's time line
			tally.anchorRestoredStream(opts.useEventTime, now(), wallClockMs());
		});
		guarded("publishing a snapshot", [&] { publish(); });
		std::vector<WorkItem> batch;
		for (bool running = true; running;) {
			batch.clear();
			guarded("waiting for work", [&] { collectBatch(batch); });
			if (batch.empty() && queue.closed()) {
				break;
			}
			running = runBatch(batch);
		}
		// Shutting down: held messages get a last chance, a failing ledger a bounded wait for the rest.
		guarded("held messages", [&] { applyHeld(true); });
		guarded("the last ledger commit", [&] {
			exitReport =
			    ledger.finish(tally, opts.ledgerExitWaitMs, static_cast<std::int64_t>(held.size()));
		});
		guarded("publishing a snapshot", [&] { publish(); });
	}
};

Engine::Engine(EngineOptions options) : options_(std::move(options)), impl_(std::make_unique<Impl>(options_))
{
	impl_->snapshot.store(std::make_shared<const Snapshot>());
	impl_->worker = std::thread([impl = impl_.get()] { impl->run(); });
}

Engine::~Engine()
{
	close();
}

LedgerExit Engine::close()
{
	// The Stop item waits its turn: everything submitted before it is applied and committed.
	if (impl_->worker.joinable()) {
		WorkItem stop;
		stop.type = WorkItem::Type::Stop;
		impl_->queue.push(std::move(stop));
		impl_->worker.join();
		impl_->queue.close();
	}
	return impl_->exitReport;
}

void Engine::submitParsed(ParsedFrame frame)
{
	submitParsed(std::move(frame), 0);
}

void Engine::submitParsed(ParsedFrame frame, std::uint64_t lineNumber)
{
	WorkItem item;
	item.type = WorkItem::Type::Parsed;
	item.parsed = std::move(frame);
	item.lineNumber = lineNumber;
	impl_->queue.push(std::move(item));
}

void Engine::submitFrame(std::string frame)
{
	submitFrame(std::move(frame), 0);
}

void Engine::submitFrame(std::string frame, std::uint64_t lineNumber)
{
	WorkItem item;
	item.type = WorkItem::Type::Text;
	item.text = std::move(frame);
	item.lineNumber = lineNumber;
	impl_->queue.push(std::move(item));
}

std::shared_ptr<const Snapshot> Engine::snapshot() const
{
	return impl_->snapshot.load();
}

void Engine::flush()
{
	impl_->runAndWait([] {});
}

void Engine::startStream()
{
	Impl *impl = impl_.get();
	impl->enqueueCommand([impl] { impl->tally.startStream(impl->now(), StreamCause::Manual); });
}

void Engine::endStream()
{
	Impl *impl = impl_.get();
	impl->enqueueCommand([impl] { impl->tally.endStream(impl->now(), StreamCause::Manual); });
}

void Engine::endOfInput()
{
	Impl *impl = impl_.get();
	impl->enqueueCommand([impl] { impl->tally.closeOpenStreaks(impl->now()); });
}

void Engine::resetGoal(const std::string &goalId)
{
	Impl *impl = impl_.get();
	impl->enqueueCommand([impl, goalId] { impl->tally.resetGoal(goalId); });
}

void Engine::resetStream()
{
	Impl *impl = impl_.get();
	impl->enqueueCommand([impl] { impl->tally.resetStream(impl->now()); });
}

void Engine::resetAll()
{
	Impl *impl = impl_.get();
	impl->enqueueCommand([impl] { impl->tally.resetAll(impl->now()); });
}

void Engine::resetSupporters()
{
	Impl *impl = impl_.get();
	impl->enqueueCommand([impl] { impl->tally.resetSupporters(); });
}

void Engine::undoGoalReset(const std::string &goalId)
{
	Impl *impl = impl_.get();
	impl->enqueueCommand([impl, goalId] { impl->tally.undoGoalReset(goalId); });
}

void Engine::adjustGoal(const std::string &goalId, std::int64_t delta)
{
	Impl *impl = impl_.get();
	impl->enqueueCommand([impl, goalId, delta] { impl->tally.adjustGoal(goalId, delta); });
}

void Engine::setGoal(GoalSpec spec)
{
	Impl *impl = impl_.get();
	impl->enqueueCommand([impl, spec = std::move(spec)] { impl->tally.setGoal(spec); });
}

void Engine::removeGoal(const std::string &goalId)
{
	Impl *impl = impl_.get();
	impl->enqueueCommand([impl, goalId] { impl->tally.removeGoal(goalId); });
}

void Engine::showTest(GiftActivity entry)
{
	Impl *impl = impl_.get();
	impl->enqueueCommand([impl, entry = std::move(entry)]() mutable {
		const Millis now = impl->now();
		impl->tally.showTest(std::move(entry), now == unknownTime ? 0 : now);
	});
}

std::vector<SupporterEntry> Engine::supporters(bool allTime, std::size_t limit)
{
	Impl *impl = impl_.get();
	std::vector<SupporterEntry> result;
	impl->runAndWait([impl, &result, allTime, limit] { result = impl->tally.supporters(allTime, limit); });
	return result;
}

std::vector<SupporterEntry> Engine::supporters(SupporterScope scope, RankBy by, std::size_t limit)
{
	Impl *impl = impl_.get();
	std::vector<SupporterEntry> result;
	impl->runAndWait([impl, &result, scope, by, limit] { result = impl->tally.supporters(scope, by, limit); });
	return result;
}

} // namespace livegifts

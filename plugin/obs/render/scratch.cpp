#include "obs/render/scratch.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

namespace livegifts::obs {

namespace {

// Buffers are sized in steps of this, so canvases of nearby sizes share them.
constexpr std::size_t kStep = std::size_t{64} << 10;

struct Buffer {
	unsigned char *data = nullptr;
	std::size_t capacity = 0;
};

// One painting thread's kept buffers. Its own thread takes them; an image let go on any thread gives its
// buffer back (hence the lock, never contended in practice).
class Pool {
public:
	Pool() = default;
	Pool(const Pool &) = delete;
	Pool &operator=(const Pool &) = delete;
	~Pool() { release(); }

	// The smallest kept buffer of at least `bytes`, or a new one.
	Buffer take(std::size_t bytes)
	{
		{
			const std::lock_guard<std::mutex> lock(mutex_);
			auto best = kept_.end();
			for (auto it = kept_.begin(); it != kept_.end(); ++it) {
				if (it->capacity >= bytes && (best == kept_.end() || it->capacity < best->capacity)) {
					best = it;
				}
			}
			if (best != kept_.end()) {
				const Buffer buffer = *best;
				keptBytes_ -= buffer.capacity;
				kept_.erase(best);
				return buffer;
			}
		}
		const std::size_t capacity = (bytes + kStep - 1) / kStep * kStep;
		return {static_cast<unsigned char *>(std::malloc(capacity)), capacity};
	}

	// Keeps `buffer` unless that would pass the bounds; then the smallest kept ones make room, or it is freed.
	void giveBack(Buffer buffer)
	{
		std::vector<Buffer> freed;
		{
			const std::lock_guard<std::mutex> lock(mutex_);
			if (closed_ || buffer.capacity > kScratchMostBytes) {
				freed.push_back(buffer);
			} else {
				kept_.push_back(buffer);
				keptBytes_ += buffer.capacity;
				std::sort(kept_.begin(), kept_.end(),
					  [](const Buffer &a, const Buffer &b) { return a.capacity > b.capacity; });
				while (kept_.size() > kScratchMostBuffers || keptBytes_ > kScratchMostBytes) {
					freed.push_back(kept_.back());
					keptBytes_ -= kept_.back().capacity;
					kept_.pop_back();
				}
			}
		}
		for (const Buffer &b : freed) {
			std::free(b.data);
		}
	}

	void release()
	{
		std::vector<Buffer> freed;
		{
			const std::lock_guard<std::mutex> lock(mutex_);
			freed.swap(kept_);
			keptBytes_ = 0;
		}
		for (const Buffer &b : freed) {
			std::free(b.data);
		}
	}

	// The thread is ending: buffers still in use are freed when let go.
	void close()
	{
		{
			const std::lock_guard<std::mutex> lock(mutex_);
			closed_ = true;
		}
		release();
	}

	std::size_t keptBytes() const
	{
		const std::lock_guard<std::mutex> lock(mutex_);
		return keptBytes_;
	}

private:
	mutable std::mutex mutex_;
	std::vector<Buffer> kept_; // largest first; guarded by mutex_
	std::size_t keptBytes_ = 0;
	bool closed_ = false;
};

// The pool of the calling thread; closed when the thread ends (images still out hold it until they go).
class ThreadScratch {
public:
	ThreadScratch() : pool_(std::make_shared<Pool>()) {}
	ThreadScratch(const ThreadScratch &) = delete;
	ThreadScratch &operator=(const ThreadScratch &) = delete;
	~ThreadScratch() { pool_->close(); }
	const std::shared_ptr<Pool> &pool() const { return pool_; }

private:
	std::shared_ptr<Pool> pool_;
};

const std::shared_ptr<Pool> &threadScratch()
{
	thread_local ThreadScratch scratch;
	return scratch.pool();
}

struct Loan {
	std::shared_ptr<Pool> pool;
	Buffer buffer;
};

void giveBackLoan(void *info)
{
	std::unique_ptr<Loan> loan(static_cast<Loan *>(info));
	loan->pool->giveBack(loan->buffer);
}

// A buffer of at least `bytes` from this thread's pool, with its way back (giveBackLoan); null when no memory
// is left for the buffer.
Loan *lend(std::size_t bytes)
{
	const std::shared_ptr<Pool> &pool = threadScratch();
	const Buffer buffer = pool->take(bytes);
	if (!buffer.data) {
		return nullptr;
	}
	try {
		return new Loan{pool, buffer};
	} catch (...) {
		pool->giveBack(buffer);
		throw;
	}
}

} // namespace

QImage scratchImage(int width, int height)
{
	width = std::max(1, width);
	height = std::max(1, height);
	const std::size_t bytes = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
	Loan *loan = lend(bytes);
	if (!loan) {
		return QImage(width, height, QImage::Format_ARGB32_Premultiplied); // Qt's own (null if it fails too)
	}
	// Rows of width * 4 bytes (Qt's own for a 32-bit format, without padding); the image gives the loan back.
	return QImage(loan->buffer.data, width, height, QImage::Format_ARGB32_Premultiplied, &giveBackLoan, loan);
}

QImage transparentScratch(int width, int height)
{
	QImage image = scratchImage(width, height);
	image.fill(Qt::transparent);
	return image;
}

QImage scratchCopy(const QImage &image)
{
	const QImage source = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
	QImage copy = scratchImage(source.width(), source.height());
	const auto rowBytes = static_cast<std::size_t>(source.width()) * 4;
	for (int y = 0; y < source.height(); ++y) {
		std::memcpy(copy.scanLine(y), source.constScanLine(y), rowBytes);
	}
	return copy;
}

ScratchBytes::ScratchBytes(std::size_t size) : size_(size)
{
	if (size == 0) {
		return;
	}
	Loan *loan = lend(size);
	if (!loan) {
		throw std::bad_alloc();
	}
	loan_ = loan;
	data_ = loan->buffer.data;
	std::memset(data_, 0, size_);
}

ScratchBytes::~ScratchBytes()
{
	if (loan_) {
		giveBackLoan(loan_);
	}
}

ScratchBytes::ScratchBytes(ScratchBytes &&other) noexcept
    : loan_(std::exchange(other.loan_, nullptr)), data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0))
{
}

ScratchBytes &ScratchBytes::operator=(ScratchBytes &&other) noexcept
{
	if (this != &other) {
		if (loan_) {
			giveBackLoan(loan_);
		}
		loan_ = std::exchange(other.loan_, nullptr);
		data_ = std::exchange(other.data_, nullptr);
		size_ = std::exchange(other.size_, 0);
	}
	return *this;
}

void releaseScratch()
{
	threadScratch()->release();
}

std::size_t scratchKeptBytes()
{
	return threadScratch()->keptBytes();
}

} // namespace livegifts::obs

#pragma once

// Canvases painting reuses (raster worker). A card paints into several images about its size (text, outline
// coverage, outline, shadow, the card) and lets them go; fresh memory costs a page fault per 4 KiB page the
// first time it is written, which was 40 to 60 % of a card's painting time. The painting thread keeps the
// buffers of the canvases it let go, a few and a bounded size, for the next ones; the worker frees them at a
// quiet spell (releaseScratch) and when a painting thread ends.

#include <QImage>

#include <cstddef>
#include <cstdint>

namespace livegifts::obs {

// A premultiplied ARGB image of width x height on a kept buffer of this thread when one is large enough,
// else on a new one; its pixels are undefined until painted or filled. When the image and its copies go, the
// buffer goes back to the thread that made it (from any thread), or is freed if that thread has ended.
QImage scratchImage(int width, int height);

// The same, filled transparent.
QImage transparentScratch(int width, int height);

// A copy of a premultiplied ARGB image on a scratch buffer.
QImage scratchCopy(const QImage &image);

// Zeroed bytes on a kept buffer of this thread, as scratchImage (working rows of the outline); the buffer
// goes back when this goes. Throws std::bad_alloc when no memory is left.
class ScratchBytes {
public:
	explicit ScratchBytes(std::size_t size);
	~ScratchBytes();
	ScratchBytes(ScratchBytes &&other) noexcept;
	ScratchBytes &operator=(ScratchBytes &&other) noexcept;
	ScratchBytes(const ScratchBytes &) = delete;
	ScratchBytes &operator=(const ScratchBytes &) = delete;
	std::uint8_t *data() { return data_; }
	const std::uint8_t *data() const { return data_; }
	std::size_t size() const { return size_; }

private:
	void *loan_ = nullptr; // the buffer's way back (scratch.cpp)
	std::uint8_t *data_ = nullptr;
	std::size_t size_ = 0;
};

// Frees this thread's kept buffers (those still in use go back when let go).
void releaseScratch();

// Bytes this thread keeps for reuse (tests).
std::size_t scratchKeptBytes();

// At most this many buffers and bytes are kept: about a card's working set twice over.
inline constexpr std::size_t kScratchMostBuffers = 12;
inline constexpr std::size_t kScratchMostBytes = std::size_t{16} << 20;

} // namespace livegifts::obs

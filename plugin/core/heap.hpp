#pragma once

namespace livegifts {

// Gives the free heap back to the system (malloc_trim(0) on glibc; nothing elsewhere, where the
// allocator returns large blocks by itself). For the engine's worker after a large frame (see
// limits::releaseAfterBytes), never for the video thread: it walks the heap.
void releaseFreeHeap();

} // namespace livegifts

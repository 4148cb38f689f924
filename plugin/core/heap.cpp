#include "core/heap.hpp"

#include <cstdlib> // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace livegifts {

void releaseFreeHeap()
{
#if defined(__GLIBC__)
	malloc_trim(0);
#endif
}

} // namespace livegifts

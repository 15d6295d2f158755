#include "CMemory.h"

// Any header of the C library says which it is (__GLIBC__).
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void align_map_large_blocks_apart(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

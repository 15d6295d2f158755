#include "CMemory.h"

// Any header of the C library says which it is (__GLIBC__).
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void align_map_large_blocks_apart(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    // Fixing the mmap threshold also fixes the trim threshold at 128 KB: the
    // small blocks a large query frees (a variance's weights, 4 KB each)
    // went back to the system after every query and were faulted in again
    // by the next. Up to 64 MB of freed heap is kept for the next query.
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
}

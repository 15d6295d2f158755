#ifndef ALIGN_CMEMORY_H
#define ALIGN_CMEMORY_H

/// Has the C library map each large block (128 KiB or more) on its own and
/// unmap it when freed, whatever was freed before. glibc otherwise raises
/// that bar to the size of each large block freed, and keeps later ones
/// among small allocations, resident once freed (mallopt M_MMAP_THRESHOLD,
/// which also stops the raising). Freed small blocks are kept for the next
/// query up to 64 MiB (M_TRIM_THRESHOLD), not given back after each.
void align_map_large_blocks_apart(void);

#endif

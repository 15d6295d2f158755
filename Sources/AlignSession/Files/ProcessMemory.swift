import CMemory

/// How the process asks the C library for memory.
public enum ProcessMemory {
    /// Large blocks (a megabyte piece of a long script, a table's array) are
    /// mapped apart and given back to the system when freed. Without it,
    /// glibc learns from the first large block freed to keep the next ones
    /// among the workspace's small allocations, where a freed piece of a
    /// script stays resident: 0.9 MB more at the peak of a 100,000-line
    /// replay of the links shape. Small blocks freed (the 4 KB pieces of a
    /// variance's weights, 15 MB at 100,000 metrics) are kept for the next
    /// query, up to 64 MB, in place of going back to the system and being
    /// faulted in again: 3,800 page faults a variance at 100,000 metrics
    /// fell to 440. Called once, as the process starts.
    public static func mapLargeBlocksApart() {
        align_map_large_blocks_apart()
    }
}

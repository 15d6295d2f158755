import CMemory

/// How the process asks the C library for memory.
public enum ProcessMemory {
    /// Large blocks (a megabyte piece of a long script, a table's array) are
    /// mapped apart and given back to the system when freed. Without it,
    /// glibc learns from the first large block freed to keep the next ones
    /// among the workspace's small allocations, where a freed piece of a
    /// script stays resident: 0.9 MB more at the peak of a 100,000-line
    /// replay of the links shape. Called once, as the process starts.
    public static func mapLargeBlocksApart() {
        align_map_large_blocks_apart()
    }
}

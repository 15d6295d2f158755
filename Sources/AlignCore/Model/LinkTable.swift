/// The driver links, one per ordered pair of metrics, in order of creation.
public struct LinkTable: Sendable {
    /// The ordered pair a link joins.
    public struct Key: Hashable, Sendable {
        /// The driving metric.
        public var from: MetricID
        /// The driven metric.
        public var to: MetricID

        /// Makes a key.
        public init(from: MetricID, to: MetricID) {
            self.from = from
            self.to = to
        }
    }

    /// The slots; nil where a link was removed.
    public private(set) var slots: [Link?] = []
    private var index: [Key: Int32] = [:]

    /// Makes an empty table.
    public init() {}

    /// How many links are live.
    public var count: Int { index.count }

    /// The link joining `from` to `to`, if any.
    public func id(from: MetricID, to: MetricID) -> LinkID? {
        index[Key(from: from, to: to)].map(LinkID.init)
    }

    /// The link in a live slot.
    public subscript(id: LinkID) -> Link { slots[id.index]! }

    /// The identifier the next new link will get.
    public var nextID: LinkID { LinkID(Int32(slots.count)) }

    /// The live links, in order of creation.
    public var all: [(id: LinkID, link: Link)] {
        var result: [(id: LinkID, link: Link)] = []
        result.reserveCapacity(index.count)
        for (i, slot) in slots.enumerated() {
            if let link = slot { result.append((LinkID(Int32(i)), link)) }
        }
        return result
    }

    /// Reserves room for `n` more links.
    mutating func reserve(_ n: Int) {
        slots.reserveCapacity(slots.count + n)
        index.reserveCapacity(index.count + n)
    }

    @discardableResult
    mutating func set(_ id: LinkID, _ link: Link?) -> Link? {
        if id.index == slots.count { slots.append(nil) }
        let old = slots[id.index]
        if let old { index[Key(from: old.from, to: old.to)] = nil }
        slots[id.index] = link
        if let link { index[Key(from: link.from, to: link.to)] = id.slot }
        return old
    }
}

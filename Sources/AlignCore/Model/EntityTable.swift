/// An entity that is known by a unique name.
public protocol Named {
    /// The entity's name.
    var name: String { get set }
}

extension Team: Named {}
extension Term: Named {}
extension Metric: Named {}
extension Goal: Named {}

/// Entities of one kind, in slots that keep their order of creation.
///
/// A removed entity leaves an empty slot, so identifiers stay stable and an
/// undo can put the entity back exactly where it was.
public struct EntityTable<Entity: Named>: Sendable where Entity: Sendable {
    /// The slots; nil where an entity was removed.
    public private(set) var slots: [Entity?] = []
    private var index: [String: Int32] = [:]
    /// Bumped whenever a name comes or goes: what a sorted list of the names depends on.
    public private(set) var nameVersion = 0

    /// Makes an empty table.
    public init() {}

    /// How many entities are live.
    public var count: Int { index.count }

    /// Whether the table holds no live entity.
    public var isEmpty: Bool { index.isEmpty }

    /// The identifier of the entity with this name.
    public func id(named name: String) -> EntityID<Entity>? {
        // Not `map`: replay looks up a name per command, and the generic
        // `map` on an identifier of an unspecialized entity is not free.
        guard let slot = index[name] else { return nil }
        return EntityID(slot)
    }

    /// The entity in a slot; the slot must be live.
    public subscript(id: EntityID<Entity>) -> Entity {
        slots[id.index]!
    }

    /// The entity in a slot, or nil when it was removed or never existed.
    public func entity(_ id: EntityID<Entity>) -> Entity? {
        id.index >= 0 && id.index < slots.count ? slots[id.index] : nil
    }

    /// The identifier the next new entity will get.
    public var nextID: EntityID<Entity> { EntityID(Int32(slots.count)) }

    /// The live identifiers, in order of creation.
    public var ids: [EntityID<Entity>] {
        var result: [EntityID<Entity>] = []
        result.reserveCapacity(index.count)
        // Each slot looked at in place: an entity is not copied to learn that it is there.
        for i in slots.indices {
            if case .some = slots[i] { result.append(EntityID(Int32(i))) }
        }
        return result
    }

    /// The live entities, in order of creation: a view over the slots, so
    /// filtering a hundred thousand metrics builds no array of them first.
    public var all: LiveEntities<Entity> { LiveEntities(slots: slots) }

    /// The names of the live entities, in order of creation.
    public var names: [String] {
        var result: [String] = []
        result.reserveCapacity(index.count)
        slots.withUnsafeBufferPointer { slots in
            for i in slots.indices {
                if let name = slots[i]?.name { result.append(name) }
            }
        }
        return result
    }

    /// The names of the live entities, in no particular order: what a
    /// caller about to sort them needs, without visiting the slots.
    public var unorderedNames: [String] { Array(index.keys) }

    /// Puts `entity` in slot `id` (nil empties it) and returns what was there.
    ///
    /// `id` is a live or empty slot, or `nextID` to append.
    @discardableResult
    mutating func set(_ id: EntityID<Entity>, _ entity: Entity?) -> Entity? {
        if id.index == slots.count { slots.append(nil) }
        let old = slots[id.index]
        if let old, index[old.name] == id.slot { index[old.name] = nil }
        slots[id.index] = entity
        if let entity { index[entity.name] = id.slot }
        if old?.name != entity?.name { nameVersion &+= 1 }
        return old
    }

    /// Reserves room for `n` more entities.
    mutating func reserve(_ n: Int) {
        slots.reserveCapacity(slots.count + n)
        index.reserveCapacity(index.count + n)
    }
}

/// The live entities of a table with their identifiers, in order of creation.
public struct LiveEntities<Entity>: Sequence {
    fileprivate let slots: [Entity?]

    /// Iterates over the live slots.
    public struct Iterator: IteratorProtocol {
        fileprivate let slots: [Entity?]
        fileprivate var position = 0

        public mutating func next() -> (id: EntityID<Entity>, entity: Entity)? {
            while position < slots.count {
                defer { position += 1 }
                if let entity = slots[position] { return (EntityID(Int32(position)), entity) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(slots: slots) }

    public var underestimatedCount: Int { 0 }
}

import AlignCore
import Testing

@Suite("What an entity takes in its table")
struct LayoutTests {
    @Test("a metric's slot takes 80 bytes and a link's 48, as their fields are ordered for")
    func slots() {
        #expect(MemoryLayout<Metric?>.stride == 80)
        #expect(MemoryLayout<Link?>.stride == 48)
    }
}

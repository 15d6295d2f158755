import Foundation
import Synchronization

/// Flips a symbolic link between two targets on a thread of its own until stopped.
final class LinkSwapper: Sendable {
    private let running = Atomic<Bool>(true)
    private let done = DispatchSemaphore(value: 0)

    init(_ link: String, between first: String, and second: String) {
        Thread { [self] in
            let spare = link + ".new"
            while running.load(ordering: .relaxed) {
                for target in [second, first] {
                    unlink(spare)
                    symlink(target, spare)
                    rename(spare, link)
                }
            }
            done.signal()
        }.start()
    }

    /// Stops flipping, leaving the link at the first target.
    func stop() {
        running.store(false, ordering: .relaxed)
        done.wait()
    }
}

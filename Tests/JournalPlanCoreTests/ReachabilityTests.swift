@testable import JournalPlanCore
import JournalPlanTestSupport
import Testing

/// `Reachability` against a plain search, on DAGs mixing long chains (position columns) with many short
/// parallel branches (bits), and on one too large to tabulate (the search fallback).
@Suite struct ReachabilityTests {
    /// A spine of `spine` steps, then `side` steps each after one or two random earlier steps (often a
    /// spine step, so they hang off it in parallel), so 0..<n is a topological order.
    static func dag(seed: UInt64, spine: Int, side: Int) -> [[Int]] {
        var rng = SeededRandom(seed: seed)
        var predecessors: [[Int]] = (0..<spine).map { $0 == 0 ? [] : [$0 - 1] }
        for step in spine..<(spine + side) {
            var preds = Set([rng.next(below: step)])
            if rng.next(below: 3) == 0 { preds.insert(rng.next(below: step)) }
            predecessors.append(preds.sorted())
        }
        return predecessors
    }

    static func ancestorsOrSelf(_ predecessors: [[Int]], of step: Int) -> Set<Int> {
        var seen: Set<Int> = [step]
        var stack = [step]
        while let s = stack.popLast() {
            for p in predecessors[s] where seen.insert(p).inserted { stack.append(p) }
        }
        return seen
    }

    @Test(arguments: [(UInt64(1), 100, 200), (2, 40, 400), (3, 5, 300), (4, 300, 30)])
    func agreesWithSearch(seed: UInt64, spine: Int, side: Int) {
        let predecessors = Self.dag(seed: seed, spine: spine, side: side)
        let n = predecessors.count
        let reachability = Reachability(predecessors: predecessors, order: Array(0..<n))
        #expect(reachability.tabulated)
        var mismatches = 0
        for b in 0..<n {
            let up = Self.ancestorsOrSelf(predecessors, of: b)
            for a in 0..<n where reachability.reaches(a, b) != up.contains(a) { mismatches += 1 }
        }
        #expect(mismatches == 0, "seed \(seed)")
    }

    /// 500 parallel two-step branches between a 3000-step chain's ends: one column and 1000 bits per row.
    @Test func wideBranchesStayTabulated() {
        var predecessors: [[Int]] = (0..<3000).map { $0 == 0 ? [] : [$0 - 1] }
        for _ in 0..<500 {
            predecessors.append([2999])
            predecessors.append([predecessors.count - 1])
        }
        let n = predecessors.count
        let reachability = Reachability(predecessors: predecessors, order: Array(0..<n))
        #expect(reachability.tabulated)
        #expect(reachability.reaches(0, n - 1))
        #expect(reachability.reaches(3000, 3001))
        #expect(!reachability.reaches(3000, 3003))
        #expect(!reachability.reaches(3001, 3002))
        #expect(reachability.reaches(2999, 3003))
    }

    /// Beyond the memory budget, the search answers the same questions.
    @Test func fallbackSearchAgrees() {
        let predecessors = Self.dag(seed: 9, spine: 10, side: 140)
        let n = predecessors.count
        let full = Reachability(predecessors: predecessors, order: Array(0..<n), maxTableBytes: 0)
        #expect(!full.tabulated)
        for b in 0..<n {
            let up = Self.ancestorsOrSelf(predecessors, of: b)
            #expect((0..<n).filter { full.reaches($0, b) } == up.sorted(), "step \(b)")
        }
    }
}

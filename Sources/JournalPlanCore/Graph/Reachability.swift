/// Answers "is step A an ancestor of step B?" in constant time for near-linear plans.
///
/// The DAG is split into chains (paths) along its edges; for every step and every chain we keep the
/// highest position on that chain that reaches the step. A reaches B exactly when A's position on its
/// chain is at most B's entry for that chain. Plans are mostly chains with some parallel fan-out, so the
/// number of chains stays small. When the chains × steps table would be too large (thousands of parallel
/// branches), queries fall back to a search bounded by topological position.
struct Reachability: Sendable {
    private let chainOf: [Int32]
    private let positionInChain: [Int32]
    private let chainCount: Int
    /// `table[step * chainCount + chain]`: highest position on `chain` that is an ancestor-or-self of `step`, or -1.
    private let table: [Int32]
    private let predecessors: [[Int]]
    private let topoIndex: [Int32]

    static let maxTableEntries = 8_000_000

    init(predecessors: [[Int]], order: [Int]) {
        let n = predecessors.count
        var chainOf = [Int32](repeating: -1, count: n)
        var position = [Int32](repeating: 0, count: n)
        var chainLength: [Int32] = []
        var topo = [Int32](repeating: 0, count: n)
        for (i, step) in order.enumerated() { topo[step] = Int32(i) }
        for step in order {
            // Extend the chain of the latest predecessor whose chain still ends there.
            var chosen: Int?
            for p in predecessors[step] {
                let c = Int(chainOf[p])
                if position[p] == chainLength[c] - 1 {
                    if chosen == nil || topo[p] > topo[chosen!] { chosen = p }
                }
            }
            if let p = chosen {
                let c = Int(chainOf[p])
                chainOf[step] = Int32(c)
                position[step] = chainLength[c]
                chainLength[c] += 1
            } else {
                chainOf[step] = Int32(chainLength.count)
                position[step] = 0
                chainLength.append(1)
            }
        }
        self.chainOf = chainOf
        self.positionInChain = position
        self.chainCount = chainLength.count
        self.predecessors = predecessors
        self.topoIndex = topo
        if n * chainCount <= Self.maxTableEntries {
            let k = chainCount
            var table = [Int32](repeating: -1, count: n * k)
            table.withUnsafeMutableBufferPointer { t in
                for step in order {
                    let row = step * k
                    for p in predecessors[step] {
                        let prow = p * k
                        for c in 0..<k where t[prow + c] > t[row + c] { t[row + c] = t[prow + c] }
                    }
                    let own = row + Int(chainOf[step])
                    if position[step] > t[own] { t[own] = position[step] }
                }
            }
            self.table = table
        } else {
            self.table = []
        }
    }

    /// Whether `a` is an ancestor of `b` or `b` itself.
    func reaches(_ a: Int, _ b: Int) -> Bool {
        if a == b { return true }
        if topoIndex[a] > topoIndex[b] { return false }
        if !table.isEmpty {
            return positionInChain[a] <= table[b * chainCount + Int(chainOf[a])]
        }
        // Fallback: search backwards from b, never below a's topological position.
        let floor = topoIndex[a]
        var seen = Set<Int>()
        var stack = [b]
        while let s = stack.popLast() {
            for p in predecessors[s] where topoIndex[p] >= floor && seen.insert(p).inserted {
                if p == a { return true }
                stack.append(p)
            }
        }
        return false
    }
}

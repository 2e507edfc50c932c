/// Answers "is step A an ancestor of step B?" in constant time, for sequential and widely parallel plans.
///
/// The DAG is split into chains (paths) along its edges. Every step keeps a row describing its ancestors:
/// - for each long chain, the highest position on that chain that is an ancestor-or-self of the step
///   (one 32-bit column per chain);
/// - for each step on a short chain (parallel per-server branches, say), one bit.
/// A chain is long when a position column costs less than a bit per member (more than 32 steps), so a
/// plan of one long sequence with 500 parallel side steps needs one column and 500 bits per row. A reaches
/// B exactly when A's position is at most B's column for A's chain, or B's bit for A is set. When even
/// that table would be too large, queries fall back to a search bounded by topological position.
struct Reachability: Sendable {
    private let chainOf: [Int32]
    private let positionInChain: [Int32]
    private let topoIndex: [Int32]
    /// Per chain: its position column, or -1 when its steps get bits.
    private let columnOf: [Int32]
    /// Per step: its bit, or -1 when its chain has a position column.
    private let bitOf: [Int32]
    private let columns: Int
    private let words: Int
    /// `positions[step * columns + column]`: highest position on that column's chain reaching `step`, or -1.
    private let positions: [Int32]
    /// `bits[step * words + bit / 64]`: whether the step owning `bit` is an ancestor-or-self of `step`.
    private let bits: [UInt64]
    /// Whether the table was built (false: queries search).
    let tabulated: Bool
    private let predecessors: [[Int]]

    /// Longest chain that still gets bits rather than a position column.
    static let shortChainLength = 32
    /// Largest table kept in memory; beyond it, queries search.
    static let maxTableBytes = 64 << 20

    init(predecessors: [[Int]], order: [Int], maxTableBytes: Int = Reachability.maxTableBytes) {
        let n = predecessors.count
        var topo = [Int32](repeating: 0, count: n)
        for (i, step) in order.enumerated() { topo[step] = Int32(i) }
        let (chainOf, position, chainLength) = Self.chains(predecessors: predecessors, order: order, topo: topo)
        var columnOf = [Int32](repeating: -1, count: chainLength.count)
        var columns = 0
        for (chain, length) in chainLength.enumerated() where length > Self.shortChainLength {
            columnOf[chain] = Int32(columns)
            columns += 1
        }
        var bitOf = [Int32](repeating: -1, count: n)
        var bitCount = 0
        for step in order where columnOf[Int(chainOf[step])] < 0 {
            bitOf[step] = Int32(bitCount)
            bitCount += 1
        }
        let words = (bitCount + 63) / 64
        self.chainOf = chainOf
        self.positionInChain = position
        self.topoIndex = topo
        self.columnOf = columnOf
        self.bitOf = bitOf
        self.columns = columns
        self.words = words
        self.predecessors = predecessors
        tabulated = n * (columns * 4 + words * 8) <= maxTableBytes
        guard tabulated else {
            positions = []
            bits = []
            return
        }
        var positions = [Int32](repeating: -1, count: n * columns)
        var bits = [UInt64](repeating: 0, count: n * words)
        for step in order {
            let row = step * columns
            let bitRow = step * words
            for p in predecessors[step] {
                let prow = p * columns
                for c in 0..<columns where positions[prow + c] > positions[row + c] {
                    positions[row + c] = positions[prow + c]
                }
                let pbits = p * words
                for w in 0..<words { bits[bitRow + w] |= bits[pbits + w] }
            }
            let column = Int(columnOf[Int(chainOf[step])])
            if column >= 0 {
                positions[row + column] = max(positions[row + column], position[step])
            } else {
                let bit = Int(bitOf[step])
                bits[bitRow + bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        self.positions = positions
        self.bits = bits
    }

    /// Splits the DAG into chains: each step extends the chain of its latest predecessor that still ends
    /// there, or starts a new one. Returns each step's chain and position, and each chain's length.
    private static func chains(predecessors: [[Int]], order: [Int], topo: [Int32])
        -> (chainOf: [Int32], position: [Int32], length: [Int32])
    {
        let n = predecessors.count
        var chainOf = [Int32](repeating: -1, count: n)
        var position = [Int32](repeating: 0, count: n)
        var chainLength: [Int32] = []
        for step in order {
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
        return (chainOf, position, chainLength)
    }

    /// Whether `a` is an ancestor of `b` or `b` itself.
    func reaches(_ a: Int, _ b: Int) -> Bool {
        if a == b { return true }
        if topoIndex[a] > topoIndex[b] { return false }
        if tabulated {
            let column = Int(columnOf[Int(chainOf[a])])
            if column >= 0 { return positionInChain[a] <= positions[b * columns + column] }
            let bit = Int(bitOf[a])
            return bits[b * words + bit >> 6] & (1 << UInt64(bit & 63)) != 0
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

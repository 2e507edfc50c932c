/// Problems collected per offending step while a rule walks object timelines: a rule meets the same step
/// once per group of servers or rules, and reports it once, naming every object and each note once.
struct StepFindings {
    struct Entry {
        var objects: [NodeTarget] = []
        var notes: [(step: Int, message: String)] = []
        var seen: Set<String> = []
        var known: Set<NodeTarget> = []
    }

    private var entries: [Int: Entry] = [:]

    /// Records that `step` is a problem for `objects`, with an optional note on another step.
    mutating func add(_ step: Int, _ objects: [NodeTarget], note: (step: Int, message: String)? = nil) {
        var entry = entries[step] ?? Entry()
        for object in objects where entry.known.insert(object).inserted { entry.objects.append(object) }
        if let note, entry.seen.insert(note.message).inserted { entry.notes.append(note) }
        entries[step] = entry
    }

    /// One diagnostic per recorded step, in plan order.
    func diagnostics(_ make: (_ step: Int, _ entry: Entry) -> Diagnostic) -> [Diagnostic] {
        entries.keys.sorted().map { make($0, entries[$0]!) }
    }
}

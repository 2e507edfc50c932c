/// Renders the step graph as a Mermaid flowchart.
public enum MermaidRenderer {
    /// Escapes text for a quoted Mermaid label: everything but letters, digits, spaces and a few safe
    /// punctuation marks becomes a `#NNN;` entity, so no value can close the label or add syntax.
    public static func escape(_ text: String) -> String {
        ScalarEscaping.escape(text) { scalar in
            let safe = (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || " .,:@/_-".unicodeScalars.contains(scalar)
            return safe ? nil : "#\(scalar.value);"
        }
    }

    public static func render(_ graph: StepGraph) -> String {
        var lines = ["flowchart TD"]
        for label in StepLabel.labels(for: graph) {
            let text = "\"" + label.lines.map(escape).joined(separator: "<br/>") + "\""
            switch label.kind.system {
            case .exchange: lines.append("    \(label.nodeID)[\(text)]")
            case .mimecast, .person: lines.append("    \(label.nodeID){{\(text)}}")
            case .both: lines.append("    \(label.nodeID)([\(text)])")
            }
        }
        for (from, to) in StepLabel.edges(of: graph) { lines.append("    s\(from + 1) --> s\(to + 1)") }
        let irreversible = StepLabel.labels(for: graph).filter { $0.kind.isIrreversible }.map(\.nodeID)
        lines.append("    classDef noReturn fill:#fdd,stroke:#c00,stroke-width:2px")
        if !irreversible.isEmpty { lines.append("    class \(irreversible.joined(separator: ",")) noReturn") }
        return lines.joined(separator: "\n") + "\n"
    }
}

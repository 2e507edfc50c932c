/// Renders the step graph in Graphviz DOT.
public enum DOTRenderer {
    /// Escapes text for a double-quoted DOT string: backslashes and double quotes.
    public static func escape(_ text: String) -> String {
        ScalarEscaping.escape(text) { scalar in
            switch scalar {
            case "\\": "\\\\"
            case "\"": "\\\""
            default: nil
            }
        }
    }

    public static func render(_ graph: StepGraph) -> String {
        var lines = ["digraph plan {", "    rankdir=TB;", "    node [fontname=\"Helvetica\", fontsize=10];"]
        for label in StepLabel.labels(for: graph) {
            let text = label.lines.map(escape).joined(separator: "\\n")
            var attributes = ["label=\"\(text)\""]
            switch label.kind.system {
            case .exchange: attributes.append("shape=box")
            case .mimecast, .person: attributes.append("shape=hexagon")
            case .both: attributes.append("shape=ellipse")
            }
            if label.kind.isIrreversible { attributes += ["color=\"#cc0000\"", "penwidth=2"] }
            lines.append("    \(label.nodeID) [\(attributes.joined(separator: ", "))];")
        }
        for (from, to) in StepLabel.edges(of: graph) { lines.append("    s\(from + 1) -> s\(to + 1);") }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}

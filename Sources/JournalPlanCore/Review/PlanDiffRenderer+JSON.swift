/// The `plan diff --format json` document. Field names are stable (documented in `docs/pull-requests.md`);
/// an absent value is `null`.
extension PlanDiffRenderer {
    /// The diff as one JSON document (`plan diff --format json`).
    public static func json(_ diff: PlanDiff) -> JSONValue {
        .object([
            ("version", 1),
            ("old", side(diff.oldFile, diff.oldVerdict)),
            ("new", side(diff.newFile, diff.newVerdict)),
            ("equal", .bool(diff.isEqual)),
            ("verdictChanged", .bool(diff.verdictChanged)),
            ("fields", .array(diff.sections.map(field))),
            (
                "steps",
                .object([
                    ("added", .array(diff.stepsAdded.map(step))),
                    ("removed", .array(diff.stepsRemoved.map(step))),
                    (
                        "changed",
                        .array(
                            diff.stepsChanged.map {
                                .object([("id", .string($0.id)), ("line", .int($0.line)), ("fields", .array($0.fields.map(field)))])
                            })
                    ),
                ])
            ),
            ("order", order(diff.order)),
        ])
    }

    private static func side(_ file: String, _ verdict: PlanVerdict) -> JSONValue {
        .object([
            ("file", .string(file)),
            (
                "verdict",
                .object([
                    ("status", .string(verdict.status)),
                    ("errors", .int(verdict.errors)),
                    ("warnings", .int(verdict.warnings)),
                    ("failingRules", .array(verdict.failingRules.map(JSONValue.string))),
                    ("lossReasons", .array(verdict.lossReasons.map(JSONValue.string))),
                ])
            ),
        ])
    }

    private static func field(_ change: FieldChange) -> JSONValue {
        .object([
            ("field", .string(change.field)),
            ("old", change.old.map(JSONValue.string) ?? .null),
            ("new", change.new.map(JSONValue.string) ?? .null),
        ])
    }

    private static func step(_ s: StepSummary) -> JSONValue {
        .object([
            ("id", .string(s.id)), ("action", .string(s.action)), ("line", .int(s.line)),
            ("targets", .array(s.targets.map(JSONValue.string))),
        ])
    }

    private static func order(_ order: OrderDiff?) -> JSONValue {
        guard let order else { return .object([("compared", false), ("relations", []), ("edges", [])]) }
        return .object([
            ("compared", true),
            (
                "relations",
                .array(
                    order.relations.map {
                        .object([
                            ("step", .string($0.step)), ("was", .string($0.was.rawValue)),
                            ("now", .string($0.now.rawValue)), ("flipped", .bool($0.isFlip)),
                            ("steps", .array($0.others.map(JSONValue.string))),
                        ])
                    })
            ),
            (
                "edges",
                .array(
                    order.edges.map {
                        .object([
                            ("step", .string($0.step)), ("added", .array($0.added.map(JSONValue.string))),
                            ("removed", .array($0.removed.map(JSONValue.string))),
                        ])
                    })
            ),
        ])
    }
}

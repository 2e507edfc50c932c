/// Something in Exchange or Mimecast whose state a step changes. Two steps that change the same object
/// must be ordered (JP213): then the state of the whole model is a function of the set of finished nodes.
public enum MailFlowObject: Hashable, Sendable, CustomStringConvertible {
    case server(String)
    /// A journal rule (premium) or a database (standard).
    case flow(NodeTarget)
    /// A Mimecast journal connector, by plan id.
    case connector(String)
    case contact
    case journalDomain
    case sendConnector
    case ndrMailbox

    public var description: String {
        switch self {
        case .server(let name): "server '\(name)'"
        case .flow(let target): target.flowName
        case .connector(let id): "connector '\(id)'"
        case .contact: "the contact"
        case .journalDomain: "the journal domain"
        case .sendConnector: "the send connector"
        case .ndrMailbox: "the NDR mailbox"
        }
    }
}

extension StepGraph {
    /// The objects a node changes (none for `confirm-journaling` and `manual`).
    public func object(changedBy node: GraphNode) -> MailFlowObject? {
        switch steps[node.step].action {
        case .stopTransport, .startTransport:
            if case .server(let name) = node.target { return .server(name) }
            return nil
        case .disableJournalRule, .enableJournalRule, .setJournalRecipient: return .flow(node.target)
        case .createConnector(let c), .disableConnector(let c), .deleteConnector(let c): return .connector(c.value)
        case .waitConnectorDrained(let c, _, _): return .connector(c.value)
        case .createContact: return .contact
        case .requestJournalDomain: return .journalDomain
        case .createSendConnector: return .sendConnector
        case .setNDRMailbox: return .ndrMailbox
        case .confirmJournaling, .manual: return nil
        }
    }

    /// Every changed object with the steps changing it, in topological order; objects changed by exactly
    /// the same steps are grouped (a fan-out over 500 servers is one group), groups in first-touch order.
    public func objectTimelines() -> [MailFlowTimeline] {
        // Objects in first-touch order, each with the steps changing it.
        var indexOf: [MailFlowObject: Int] = [:]
        var firstSeen: [MailFlowObject] = []
        var stepsOf: [[Int]] = []
        let estate = plan.exchange
        let objectCount =
            estate.transportServers.count + estate.journalRules.count + estate.databases.count + plan.connectors.count + 4
        indexOf.reserveCapacity(objectCount)
        firstSeen.reserveCapacity(objectCount)
        stepsOf.reserveCapacity(objectCount)
        for step in order {
            for target in targets[step] {
                guard let object = object(changedBy: GraphNode(step: step, target: target)) else { continue }
                if let i = indexOf[object] {
                    stepsOf[i].append(step)
                } else {
                    indexOf[object] = firstSeen.count
                    firstSeen.append(object)
                    stepsOf.append([step])
                }
            }
        }
        var groupIndex: [[Int]: Int] = [:]
        var timelines: [MailFlowTimeline] = []
        for (i, object) in firstSeen.enumerated() {
            let chain = stepsOf[i]
            let kindKey = [object.kindRank] + chain
            if let index = groupIndex[kindKey] {
                timelines[index].objects.append(object)
            } else {
                groupIndex[kindKey] = timelines.count
                timelines.append(MailFlowTimeline(objects: [object], steps: chain))
            }
        }
        return timelines
    }
}

/// Objects of one kind changed by the same steps, and those steps in topological order.
public struct MailFlowTimeline: Sendable {
    public var objects: [MailFlowObject]
    public var steps: [Int]

    /// The first object, standing for the group.
    public var representative: MailFlowObject { objects[0] }
}

extension MailFlowObject {
    /// Distinguishes kinds when grouping (a server and a rule never share a group).
    var kindRank: Int {
        switch self {
        case .server: -1
        case .flow: -2
        case .connector: -3
        case .contact: -4
        case .journalDomain: -5
        case .sendConnector: -6
        case .ndrMailbox: -7
        }
    }

    /// The node target this object is acted on through.
    var nodeTarget: NodeTarget {
        switch self {
        case .server(let name): .server(name)
        case .flow(let target): target
        default: .none
        }
    }
}

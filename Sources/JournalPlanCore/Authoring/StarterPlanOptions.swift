/// What `plan init` asks for. Every value is checked with the same value types the decoder uses, so the
/// starter plan validates as written.
public struct StarterPlanOptions: Sendable {
    public var version: ExchangeVersion = .v2016
    /// Premium unless the version allows only standard (2003).
    public var journaling: JournalingType?
    /// Transport servers (on-premises); default `EX01`.
    public var servers: [String]?
    /// Journal rules (premium); default `Journal All Mail`.
    public var rules: [String] = []
    /// Mailbox databases (standard); default `DB01`.
    public var databases: [String]?
    /// The journal domain Mimecast accepts; default `journal.contoso.com`.
    public var domain = "journal.contoso.com"
    /// The contact's address; default `journaling@` the journal domain.
    public var contact: String?
    /// The journal mailbox the POP3 connector drains; default `journal@` the domain above the journal domain.
    public var pop3Mailbox: String?
    /// The mailbox that receives undeliverable journal reports; default `journal-ndr@` the POP3 mailbox's domain.
    public var ndrMailbox: String?
    /// The domain controller every read and write is pinned to (on-premises); default none.
    public var domainController: String?
    /// The plan name; default derived from the organisation's domain.
    public var name: String?
    public var region: MimecastRegion = .eu
    /// Journal hosts, required for regions whose hosts are not publicly confirmed.
    public var journalHosts: [String] = []
    /// The outage window (on-premises), usually from ``StarterPlan/defaultWindow(after:)``.
    public var window: (start: Timestamp, end: Timestamp)?
    /// The `$schema` reference for editors, relative to the plan file.
    public var schemaPath = "../schemas/plan.schema.json"

    public init() {}
}

/// A `plan init` value that cannot go into a valid plan.
public struct StarterPlanError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// The options after checking, with every default filled in.
struct StarterPlanValues {
    var version: ExchangeVersion
    var journaling: JournalingType
    var servers: [String]
    var rules: [String]
    var databases: [String]
    var domain: String
    var contact: String
    var pop3Mailbox: String
    var ndrMailbox: String
    var domainController: String?
    var name: String
    var region: MimecastRegion
    var journalHosts: [String]
    var window: (start: Timestamp, end: Timestamp)?
    var schemaPath: String

    init(_ o: StarterPlanOptions) throws(StarterPlanError) {
        version = o.version
        journaling = o.journaling ?? (o.version == .v2003 ? .standard : .premium)
        if version == .v2003, journaling == .premium {
            throw StarterPlanError("Exchange 2003 has no journal rules; use --journaling standard")
        }
        if version.isOnline {
            if journaling == .standard { throw StarterPlanError("Exchange Online supports only premium journaling") }
            if o.servers != nil { throw StarterPlanError("Exchange Online has no transport servers; leave out --servers") }
            if o.window != nil { throw StarterPlanError("Exchange Online has no outage window; leave out the window") }
        }
        if journaling == .premium, o.databases != nil {
            throw StarterPlanError("--databases applies to standard journaling; premium journaling uses --rule")
        }
        if journaling == .standard, !o.rules.isEmpty {
            throw StarterPlanError("--rule applies to premium journaling; standard journaling uses --databases")
        }
        servers = version.isOnline ? [] : try Self.list(o.servers ?? ["EX01"], "transport server") { HostName($0) != nil }
        rules = journaling == .premium ? try Self.list(o.rules.isEmpty ? ["Journal All Mail"] : o.rules, "journal rule", Self.isExchangeName) : []
        databases = journaling == .standard ? try Self.list(o.databases ?? ["DB01"], "database", Self.isExchangeName) : []

        guard let journalDomain = HostName(o.domain), journalDomain.isFullyQualified else {
            throw StarterPlanError("--domain '\(Excerpt.short(o.domain))' is not a fully qualified domain name")
        }
        domain = journalDomain.text
        let contactText = o.contact ?? "journaling@\(domain)"
        guard let contactAddress = EmailAddress(contactText) else {
            throw StarterPlanError("--contact '\(Excerpt.short(contactText))' is not a valid SMTP address")
        }
        guard contactAddress.isIn(domain: domain) else {
            throw StarterPlanError("--contact must be an address in the journal domain '\(domain)'")
        }
        contact = contactText
        let parent = domain.split(separator: ".").dropFirst().joined(separator: ".")
        let organisation = o.pop3Mailbox.flatMap { EmailAddress($0)?.domain } ?? parent
        guard let mailboxText = o.pop3Mailbox ?? (HostName(parent)?.isFullyQualified == true ? "journal@\(parent)" : nil)
        else { throw StarterPlanError("give the journal mailbox the POP3 connector drains with --pop3-mailbox") }
        guard let mailbox = EmailAddress(mailboxText) else {
            throw StarterPlanError("--pop3-mailbox '\(Excerpt.short(mailboxText))' is not a valid SMTP address")
        }
        if mailbox.isIn(domain: domain) {
            throw StarterPlanError("--pop3-mailbox must be a mailbox of the organisation, not in the journal domain")
        }
        pop3Mailbox = mailboxText
        let ndrText = o.ndrMailbox ?? "journal-ndr@\(mailbox.domain)"
        guard let ndr = EmailAddress(ndrText) else {
            throw StarterPlanError("--ndr-mailbox '\(Excerpt.short(ndrText))' is not a valid SMTP address")
        }
        if ndr.isIn(domain: domain) {
            throw StarterPlanError("--ndr-mailbox must be a mailbox of the organisation, not in the journal domain")
        }
        ndrMailbox = ndrText
        if let dc = o.domainController {
            if version.isOnline { throw StarterPlanError("Exchange Online has no domain controller; leave out --domain-controller") }
            guard HostName(dc) != nil else {
                throw StarterPlanError("--domain-controller '\(Excerpt.short(dc))' is not a valid host name")
            }
        }
        domainController = o.domainController

        let derived = Self.kebab(organisation.split(separator: ".").first.map(String.init) ?? "") + "-pop3-to-smtp"
        name = o.name ?? (Identifier.isKebabCase(derived) ? derived : "journal-migration")
        guard Identifier.isKebabCase(name) else {
            throw StarterPlanError("--name '\(Excerpt.short(name))' must be kebab-case: a-z, 0-9 and single hyphens, at most 64 characters")
        }
        region = o.region
        journalHosts = try Self.list(o.journalHosts, "journal host", allowEmpty: true) { HostName($0)?.isFullyQualified == true }
        if !region.hasConfirmedJournalHosts, journalHosts.isEmpty {
            throw StarterPlanError("Mimecast's journal hosts for region '\(region.rawValue)' are not publicly confirmed; give them with --journal-host")
        }
        window = version.isOnline ? nil : o.window
        schemaPath = o.schemaPath
        if let bad = TextSafety.firstUnsafeScalar(in: schemaPath, allowNewlines: false) {
            throw StarterPlanError("--schema contains \(bad)")
        }
    }

    static func isExchangeName(_ text: String) -> Bool {
        text.unicodeScalars.count <= 64 && !text.unicodeScalars.allSatisfy(TextSafety.isBlankLooking) && TextSafety.firstUnsafeScalar(in: text, allowNewlines: false) == nil
    }

    static func list(_ items: [String], _ what: String, allowEmpty: Bool = false, _ valid: (String) -> Bool)
        throws(StarterPlanError) -> [String]
    {
        if items.isEmpty, !allowEmpty { throw StarterPlanError("give at least one \(what)") }
        var seen: Set<String> = []
        for item in items {
            guard valid(item) else { throw StarterPlanError("'\(Excerpt.short(item))' is not a valid \(what) name") }
            guard seen.insert(item.lowercased()).inserted else {
                throw StarterPlanError("\(what) '\(Excerpt.short(item))' is listed more than once")
            }
        }
        return items
    }

    /// Lower-case letters and digits of `text`, other characters turned into single hyphens.
    static func kebab(_ text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                result.append(character)
            } else if !result.isEmpty, result.last != "-" {
                result.append("-")
            }
        }
        result = String(result.prefix(40))
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }
}

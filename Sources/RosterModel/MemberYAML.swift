// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Yams

/// Members written into a network file: one member per line in flow style, the way the samples
/// are written, so a diff of two imports shows who changed.
public enum MemberYAML {
    /// A member as a flow mapping; defaults (fte 1, no skills, no days off) are left out.
    public static func node(_ member: Member) -> Node {
        var pairs: [(Node, Node)] = [(key("id"), text(member.id))]
        if member.name != member.id { pairs.append((key("name"), text(member.name))) }
        pairs.append((key("facility"), text(member.facility)))
        pairs.append((key("role"), text(member.role.rawValue)))
        if !member.skills.isEmpty { pairs.append((key("skills"), list(member.skills.sorted()))) }
        if member.fte != 1 { pairs.append((key("fte"), Node(number(member.fte)))) }
        if let max = member.maxDuties { pairs.append((key("max_duties"), Node(String(max)))) }
        if !member.off.isEmpty { pairs.append((key("off"), list(member.off.map(\.description)))) }
        if !member.preferOff.isEmpty { pairs.append((key("prefer_off"), list(member.preferOff.map(\.description)))) }
        let c = member.contact
        let contact = [("webhook", c.webhook), ("email", c.email), ("sms", c.sms), ("phone", c.phone)].compactMap { k, v in v.map { (key(k), text($0)) } }
        if !contact.isEmpty { pairs.append((key("contact"), .mapping(Node.Mapping(contact, .implicit, .flow)))) }
        return .mapping(Node.Mapping(pairs, .implicit, .flow))
    }

    /// A network file's text with these members in it: a member whose id is already there is
    /// replaced in place, others are added at the end. Comments of the original are not kept.
    public static func merge(_ members: [Member], into yaml: String, file: String) throws(InputError) -> String {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml), node.mapping != nil else {
                throw InputError(InputIssue(file: file, message: "is not a network file (no mapping at the top)"))
            }
            root = node
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(InputIssue(file: file, message: "cannot be read as YAML: \(error)"))
        }
        var mapping = root.mapping!
        var existing = mapping["members"]?.sequence.map { Array($0) } ?? []
        var position: [String: Int] = [:]
        for (i, node) in existing.enumerated() {
            if let id = node.mapping?["id"]?.scalar?.string { position[id] = i }
        }
        for member in members {
            if let i = position[member.id] {
                existing[i] = node(member)
            } else {
                position[member.id] = existing.count
                existing.append(node(member))
            }
        }
        mapping["members"] = .sequence(Node.Sequence(existing, .implicit, .block))
        // Yams does not keep the original's flow style: put every entry of a top-level list back
        // on one line, as network files are written by hand.
        for pair in mapping where pair.value.sequence != nil {
            let items = pair.value.sequence!.map(flow)
            mapping[pair.key] = .sequence(Node.Sequence(items, .implicit, .block))
        }
        return try text(of: .mapping(mapping), file: file)
    }

    /// A network file to start from when there is none yet: the members and their facilities, and
    /// one night shift and one region-wide pool per role, to be edited before the first solve.
    public static func starter(name: String, members: [Member], file: String) throws(InputError) -> String {
        var facilities: [String] = []
        var roles: [Role] = []
        for m in members {
            if !facilities.contains(m.facility) { facilities.append(m.facility) }
            if !roles.contains(m.role) { roles.append(m.role) }
        }
        func kind(_ facility: String) -> String {
            switch members.first(where: { $0.facility == facility })?.role {
            case .nurse: return "nurse_station"
            case .pharmacist: return "pharmacy"
            default: return "clinic"
            }
        }
        let roleNames: [Role: String] = [.physician: "医師", .nurse: "看護師", .pharmacist: "薬剤師"]
        let root: [(Node, Node)] = [
            (key("name"), text(name)),
            (key("timezone"), text("Asia/Tokyo")),
            (key("shifts"), .sequence(Node.Sequence([
                .mapping(Node.Mapping([
                    (key("id"), text("night")), (key("name"), text("夜間")), (key("start"), quoted("18:00")),
                    (key("end"), quoted("09:00")), (key("on"), list(["weekday", "saturday", "sunday", "holiday"])),
                ], .implicit, .flow)),
            ], .implicit, .block))),
            (key("facilities"), .sequence(Node.Sequence(facilities.map { f in
                .mapping(Node.Mapping([(key("id"), text(f)), (key("kind"), text(kind(f)))], .implicit, .flow))
            }, .implicit, .block))),
            (key("members"), .sequence(Node.Sequence(members.map(node), .implicit, .block))),
            (key("pools"), .sequence(Node.Sequence(roles.map { r in
                .mapping(Node.Mapping([
                    (key("id"), text(r.rawValue)), (key("name"), text(roleNames[r] ?? r.rawValue)), (key("role"), text(r.rawValue)),
                    (key("shifts"), list(["night"])), (key("primary"), Node("1")),
                ], .implicit, .flow))
            }, .implicit, .block))),
        ]
        return try text(of: .mapping(Node.Mapping(root, .implicit, .block)), file: file)
    }

    /// The node and everything inside it in flow style.
    static func flow(_ node: Node) -> Node {
        switch node {
        case .mapping(let m):
            return .mapping(Node.Mapping(m.map { ($0.key, flow($0.value)) }, m.tag, .flow, m.mark, m.anchor))
        case .sequence(let s):
            return .sequence(Node.Sequence(s.map(flow), s.tag, .flow, s.mark, s.anchor))
        default:
            return node
        }
    }

    static func text(of node: Node, file: String) throws(InputError) -> String {
        do {
            // width -1: never wrap, one member stays on one line however long.
            return try Yams.serialize(node: node, width: -1, allowUnicode: true)
        } catch {
            throw InputError(InputIssue(file: file, message: "cannot be written as YAML: \(error)"))
        }
    }

    private static func key(_ name: String) -> Node { Node(name) }

    /// A string value, quoted when YAML would otherwise read it as something else (true, 1.5, null, 2026-12-05).
    static func text(_ value: String) -> Node {
        let plain = Node(value)
        if Resolver.default.resolveTag(of: plain) == .str, !value.isEmpty { return plain }
        return quoted(value)
    }

    private static func quoted(_ value: String) -> Node { .scalar(Node.Scalar(value, .implicit, .doubleQuoted)) }

    private static func list(_ values: [String]) -> Node {
        .sequence(Node.Sequence(values.map(text), .implicit, .flow))
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCalendar
import OncallNotifiers
import OncallStore
import RosterModel

/// Builds an escalation's plan at the instant it is created: who each step pages, who it skips and why.
///
/// The chain follows how home care answers a call: for a patient, their own doctor, then the partner,
/// then the rota of the attending's area, then the hospital on duty, then the coordinator (or a
/// configured chain). A candidate who is off at that instant, has no channel, or was paged in an
/// earlier step is skipped with the reason; a step nobody is rostered for is left out, so an
/// emergency always starts at the first step that has someone.
public struct EscalationChain: Sendable {
    public let network: Network
    public let resolver: CoverageResolver
    public let policy: EscalationPolicy
    public let at: Date

    public init(network: Network, resolver: CoverageResolver, policy: EscalationPolicy, at: Date) {
        self.network = network
        self.resolver = resolver
        self.policy = policy
        self.at = at
    }

    public enum Subject: Sendable {
        case patient(Patient)
        case pool(String)
    }

    public struct Built: Sendable {
        public var plan: EscalationPlan
        /// The pool whose rota the chain uses (the attending's area's pool for a patient).
        public var pool: String?
        /// When the pool has nobody on duty now: the next shift rostered.
        public var nextOnRota: Coverage?
        /// Whether any step pages anyone.
        public var reachesSomeone: Bool { plan.steps.contains { !$0.targets.isEmpty } }
    }

    /// The plan for `subject`; `facility` is who escalates (a patient's escalation defaults to their facility).
    public func build(_ subject: Subject, facility: String?) -> Built {
        let kind: ChainPolicy.Kind
        let pool: Pool?
        let patient: Patient?
        let caller: String?
        switch subject {
        case .patient(let p):
            kind = .patient
            patient = p
            caller = facility ?? p.facility
            pool = rotaPool(forPatient: p)
        case .pool(let id):
            kind = .pool
            patient = nil
            caller = facility
            pool = network.poolIndex[id].map { network.pools[$0] }
        }
        let configured = policy.chains.first { $0.matches(kind: kind, pool: pool) }
        let steps = configured?.steps ?? ChainPolicy.defaultSteps(kind: kind, role: pool?.role).map { PolicyStep($0) }
        let area = caller ?? pool.flatMap { resolver.covering(pool: $0.id, at: at)?.primary.first?.facility }

        var planned: [PlanStep] = []
        var paged: [String: String] = [:]
        for s in steps {
            let (candidates, stepPool) = candidates(for: s.step, patient: patient, pool: pool, area: area)
            if candidates.isEmpty { continue }
            var targets: [PageTarget] = []
            var skipped: [SkippedCandidate] = []
            for c in candidates {
                if let earlier = paged[c.id] {
                    skipped.append(SkippedCandidate(member: c.id, reason: "already paged (\(earlier))"))
                } else if let date = c.offOn {
                    skipped.append(SkippedCandidate(member: c.id, reason: "\(c.id) off \(date)"))
                } else if c.channels.isEmpty {
                    skipped.append(SkippedCandidate(member: c.id, reason: "\(c.id) has no channel"))
                } else {
                    targets.append(PageTarget(member: c.id, channels: c.channels))
                    paged[c.id] = s.step.tier
                }
            }
            planned.append(PlanStep(tier: s.step.tier, targets: targets, skipped: skipped, pool: stepPool, waitSeconds: s.waitSeconds))
        }
        let callerInfo = caller.flatMap { id in
            network.facilityIndex[id].map { network.facilities[$0] }.map { Caller(facility: $0.id, facilityName: $0.name, callback: $0.contact?.phone) }
        }
        let plan = EscalationPlan(
            steps: planned, rounds: max(1, configured?.rounds ?? policy.rounds), ackTimeoutSeconds: policy.ackTimeoutSeconds,
            admins: policy.admins.map { PageTarget(member: $0.id, channels: Channel.of($0.contact)) }, caller: callerInfo)
        let onDuty = pool.flatMap { resolver.covering(pool: $0.id, at: at) }
        return Built(plan: plan, pool: pool?.id, nextOnRota: onDuty == nil ? pool.flatMap { resolver.next(pool: $0.id, after: at) } : nil)
    }

    /// The pool covering the attending's facility for the attending's role, preferring one on duty now.
    func rotaPool(forPatient p: Patient) -> Pool? {
        guard let attending = member(p.attending) else { return nil }
        let pools = resolver.pools(coveringFacility: attending.facility).filter {
            $0.role == attending.role && RosterMonth.belongs(attending, to: $0, in: network)
        }
        let fallback = resolver.pools(coveringFacility: p.facility).filter { $0.role == attending.role && !isHospitalPool($0) }
        let all = pools + fallback
        return all.first { resolver.covering(pool: $0.id, at: at) != nil } ?? all.first
    }

    struct Candidate {
        var id: String
        var channels: [Channel]
        var offOn: CivilDate?
    }

    private func candidates(for step: ChainStep, patient: Patient?, pool: Pool?, area: String?) -> ([Candidate], String?) {
        switch step {
        case .attending:
            return (patient.map { [candidate($0.attending)] } ?? [], nil)
        case .partner:
            return (patient?.partner.map { [candidate($0)] } ?? [], nil)
        case .primary, .backup:
            guard let pool else { return ([], nil) }
            return (onDuty(pool.id, step == .primary ? .primary : .backup), pool.id)
        case .pool(let id, let tier):
            return (onDuty(id, tier), id)
        case .physician:
            let facility = area ?? patient?.facility
            let pools = facility.map { resolver.pools(coveringFacility: $0) } ?? network.pools
            for p in pools where p.role == .physician && !isHospitalPool(p) && p.id != pool?.id {
                let on = onDuty(p.id, .primary)
                if !on.isEmpty { return (on, p.id) }
            }
            return ([], nil)
        case .pharmacist:
            var all: [Candidate] = []
            for p in network.pools where p.role == .pharmacist && p.id != pool?.id { all += onDuty(p.id, .primary) }
            return (all, nil)
        case .hospital:
            return hospital(patient: patient, area: area)
        case .coordinator:
            return (policy.coordinator.map { [Candidate(id: $0.id, channels: Channel.of($0.contact), offOn: nil)] } ?? [], nil)
        case .contact(let id):
            return (policy.contacts.first { $0.id == id }.map { [Candidate(id: $0.id, channels: Channel.of($0.contact), offOn: nil)] } ?? [], nil)
        }
    }

    /// The doctor on duty in a hospital pool covering the patient's hospital, else one covering a hospital of
    /// the area's district; else that hospital's own desk (its `contact:`).
    private func hospital(patient: Patient?, area: String?) -> ([Candidate], String?) {
        let district = area.flatMap(facility)?.district
        let hospitals: [Facility] =
            if let id = patient?.hospital, let h = facility(id) { [h] } else {
                network.facilities.filter { $0.kind == .hospital && district != nil && $0.district == district }
            }
        for h in hospitals {
            for p in resolver.pools(coveringFacility: h.id) where isHospitalPool(p) {
                let on = onDuty(p.id, .primary)
                if !on.isEmpty { return (on, p.id) }
            }
        }
        for h in hospitals {
            if let contact = h.contact, !Channel.of(contact).isEmpty {
                return ([Candidate(id: "facility:\(h.id)", channels: Channel.of(contact), offOn: nil)], nil)
            }
        }
        return ([], nil)
    }

    private func onDuty(_ pool: String, _ tier: Tier) -> [Candidate] {
        guard let coverage = resolver.covering(pool: pool, at: at) else { return [] }
        return (tier == .primary ? coverage.primary : coverage.backup).map { candidate($0.member) }
    }

    private func candidate(_ id: String) -> Candidate {
        guard let m = member(id) else { return Candidate(id: id, channels: [], offOn: nil) }
        return Candidate(id: id, channels: Channel.of(m.contact), offOn: offDate(m))
    }

    /// The date of the day off that covers `at` for the member: a whole day, or the shift running then.
    func offDate(_ m: Member) -> CivilDate? {
        for (date, shift) in resolver.runningShifts(at: at) where m.isOff(on: date, shift: shift.id) { return date }
        let today = resolver.local(at).0
        return m.off.contains { $0.shift == nil && $0.covers(today, shift: "") } ? today : nil
    }

    private func isHospitalPool(_ p: Pool) -> Bool { p.facilityKinds?.contains(.hospital) == true }
    private func member(_ id: String) -> Member? { network.memberIndex[id].map { network.members[$0] } }
    private func facility(_ id: String) -> Facility? { network.facilityIndex[id].map { network.facilities[$0] } }
}

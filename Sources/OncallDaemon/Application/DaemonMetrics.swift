// SPDX-License-Identifier: GPL-3.0-or-later
import CoreMetrics
import Foundation
import Prometheus

/// The daemon's metrics, on their own Prometheus registry (no global bootstrap, so tests stay independent).
///
/// Labels carry only statuses and channel kinds: never a member, phone number or address.
public struct DaemonMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        // Page latency is milliseconds when all is well and seconds when a channel struggles.
        factory.defaultDurationHistogramBuckets = [0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30].map { Duration.seconds($0) }
        self.factory = factory
    }

    /// An escalation reached `status`: "created", "acknowledged", "exhausted".
    public func escalation(_ status: String) {
        CoreMetrics.Counter(label: "oncall_escalations_total", dimensions: [("status", status)], factory: factory).increment()
    }

    /// Time from a step falling due to its page being delivered.
    public func pageDelivered(channel: String, after seconds: Double) {
        CoreMetrics.Timer(label: "oncall_page_latency_seconds", dimensions: [("channel", channel)], factory: factory)
            .recordNanoseconds(Int64(max(0, seconds) * 1e9))
    }

    public func sendFailed(channel: String) {
        CoreMetrics.Counter(label: "oncall_send_failures_total", dimensions: [("channel", channel)], factory: factory).increment()
    }

    /// Published rosters that no longer parse against the network file (so are not in force).
    public func unreadableRosters(_ count: Int) {
        CoreMetrics.Gauge(label: "oncall_unreadable_rosters", factory: factory).record(count)
    }

    /// The Prometheus text exposition.
    public func render() -> String { registry.emitToString() }
}

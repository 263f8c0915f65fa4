// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import NIOCore

/// CPU time of the whole machine and of given processes, from /proc, to say how busy the machine
/// was during a run and how much of that was the daemon, this benchmark, and everything else
/// (another build on the same two cores shows up there).
struct CPUSample {
    /// Clock ticks of all cores: all, and idle (idle + iowait).
    var total: UInt64
    var idle: UInt64
    /// Clock ticks (user + system) of each process.
    var processes: [Int32: UInt64]

    static func take(_ pids: [Int32]) -> CPUSample {
        let stat = (try? String(contentsOfFile: "/proc/stat", encoding: .utf8)) ?? ""
        let cpu = stat.split(separator: "\n").first { $0.hasPrefix("cpu ") }.map { $0.split(separator: " ").dropFirst().compactMap { UInt64($0) } } ?? []
        var processes: [Int32: UInt64] = [:]
        for pid in pids {
            // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = text.lastIndex(of: ")") else { continue }
            let fields = text[text.index(after: close)...].split(separator: " ")
            if fields.count > 12, let user = UInt64(fields[11]), let system = UInt64(fields[12]) { processes[pid] = user + system }
        }
        return CPUSample(
            total: cpu.reduce(0, +), idle: (cpu.count > 4 ? cpu[3] + cpu[4] : 0), processes: processes)
    }

    /// "machine 150 % of 200 %: daemon 80 %, daemon-bench 45 %, other 25 %" (100 % is one core).
    /// With several daemons, each one's share; with a PostgreSQL server's processes (`server`, sampled
    /// in both), theirs, so that "other processes" is only what the benchmark did not start.
    static func summary(from a: CPUSample, to b: CPUSample, daemons: [Int32], server: [Int32] = [], cores: Int) -> String {
        let total = Double(b.total &- a.total)
        guard total > 0 else { return "CPU: no reading" }
        let scale = 100 * Double(cores) / total
        func used(_ pid: Int32) -> Double { Double((b.processes[pid] ?? 0) &- (a.processes[pid] ?? 0)) * scale }
        let busy = (total - Double(b.idle &- a.idle)) * scale
        let each = daemons.map(used)
        let d = each.reduce(0, +), bench = used(getpid())
        let database = server.map(used).reduce(0, +)
        let daemonText = daemons.count > 1
            ? String(format: "daemons %.0f %% (", d) + each.map { String(format: "%.0f %%", $0) }.joined(separator: " + ") + ")"
            : String(format: "daemon %.0f %%", d)
        let serverText = server.isEmpty ? "" : String(format: ", PostgreSQL %.0f %%", database)
        return String(format: "CPU (100 %% = one core): machine busy %.0f %% of %d %%, ", busy, 100 * cores) + daemonText
            + String(format: ", daemon-bench %.0f %%", bench) + serverText
            + String(format: ", other processes %.0f %%", max(0, busy - d - bench - database))
    }
}

/// Waits until the machine is nearly idle (under a quarter of one core busy, two seconds running),
/// at most `seconds`; returns a note of what it found.
func waitForQuietMachine(seconds: Double) async -> String? {
    guard seconds > 0 else { return nil }
    let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
    let start = Date()
    var busy = 0.0
    var quietSeconds = 0
    repeat {
        let a = CPUSample.take([])
        try? await Task.sleep(for: .seconds(1))
        let b = CPUSample.take([])
        let total = Double(b.total &- a.total)
        busy = total > 0 ? (total - Double(b.idle &- a.idle)) / total * cores * 100 : 0
        quietSeconds = busy < 25 ? quietSeconds + 1 : 0
        if quietSeconds >= 2 {
            return String(format: "waited %.0f s for a quiet machine (busy %.0f %% of one core)", Date().timeIntervalSince(start), busy)
        }
    } while Date().timeIntervalSince(start) < seconds
    return String(format: "the machine stayed busy for %.0f s (last second %.0f %% of one core busy); measured anyway", seconds, busy)
}

/// How late an event-loop timer fires on this machine while the daemon is idle: the floor under
/// every tail figure of the load phases (a two-core virtual machine is descheduled now and then).
///
/// All state is touched on `loop` only, hence `@unchecked Sendable`.
final class TimerJitter: @unchecked Sendable {
    let loop: any EventLoop
    let period: UInt64
    let count: Int
    private var start: UInt64 = 0
    private var lateness: [UInt64] = []
    private let promise: EventLoopPromise<[UInt64]>

    init(loop: any EventLoop, seconds: Double, period: Double = 0.0002) {
        self.loop = loop
        self.period = UInt64(period * 1e9)
        self.count = max(1, Int(seconds / period))
        self.promise = loop.makePromise(of: [UInt64].self)
    }

    /// Nanoseconds each timer fired after its deadline.
    func run() async throws -> [UInt64] {
        loop.execute {
            self.lateness.reserveCapacity(self.count)
            self.start = monotonicNow() + 1_000_000
            self.arm(0)
        }
        return try await promise.futureResult.get()
    }

    private func arm(_ i: Int) {
        let deadline = start + UInt64(i) * period
        loop.scheduleTask(deadline: .uptimeNanoseconds(deadline)) {
            self.lateness.append(monotonicNow() &- deadline)
            if i + 1 < self.count { self.arm(i + 1) } else { self.promise.succeed(self.lateness) }
        }
    }
}

/// Nanoseconds each of `count` fsyncs of a 4 KiB append took in `folder`: the least one SQLite commit
/// costs there (WAL, synchronous = FULL), and a disk shared with other machines varies a lot.
func fsyncLatencies(folder: URL, count: Int = 200) throws -> [UInt64] {
    let path = folder.appendingPathComponent("fsync-probe.bin").path
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw BenchError("cannot open \(path)") }
    defer {
        close(fd)
        unlink(path)
    }
    let block = [UInt8](repeating: 0x2a, count: 4096)
    var times: [UInt64] = []
    for _ in 0..<count {
        guard block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == block.count else { throw BenchError("cannot write \(path)") }
        let start = monotonicNow()
        guard fsync(fd) == 0 else { throw BenchError("fsync failed on \(path)") }
        times.append(monotonicNow() - start)
    }
    return times
}

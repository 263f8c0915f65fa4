// SPDX-License-Identifier: GPL-3.0-or-later

/// Lower-case hex of bytes, as `String(format: "%02x")` per byte gives it, without a format string per byte
/// (every page signs two links and its body). Here, below both, so the notifiers and the daemon share one.
public enum Hex {
    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

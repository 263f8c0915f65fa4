// SPDX-License-Identifier: GPL-3.0-or-later

/// A UID that stays the same for the same duty however often a feed is regenerated, so calendar
/// clients update an event instead of adding a second copy.
///
/// Two FNV-1a 64-bit hashes with different offsets give 128 bits: collisions inside one network's
/// year are not a practical concern, and no cryptographic library is needed.
public enum StableUID {
    public static func make(_ parts: [String], domain: String = "oncall") -> String {
        // The unit separator cannot occur in ids, so ("ab","c") and ("a","bc") hash differently.
        let bytes = Array(parts.joined(separator: "\u{1F}").utf8)
        return hex(fnv1a(bytes, offset: 0xcbf2_9ce4_8422_2325)) + hex(fnv1a(bytes, offset: 0x6c62_272e_07bb_0142)) + "@" + domain
    }

    static func fnv1a(_ bytes: [UInt8], offset: UInt64) -> UInt64 {
        var hash = offset
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

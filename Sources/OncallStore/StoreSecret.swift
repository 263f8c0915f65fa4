// SPDX-License-Identifier: GPL-3.0-or-later

/// A secret the daemon makes for itself: 256 random bits as lowercase hex.
public enum StoreSecret {
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
        }.joined()
    }
}

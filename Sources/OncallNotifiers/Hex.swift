// SPDX-License-Identifier: GPL-3.0-or-later

/// Lower-case hex of the bytes, for the webhook signature. The daemon has its own copy for its links and
/// hashes: this module stands on its own, and a public hex function would be an odd thing for it to offer.
func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}

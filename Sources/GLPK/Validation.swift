// SPDX-License-Identifier: GPL-3.0-or-later

/// Argument checks that stand between callers and GLPK, which would `abort()` on the same input.
enum Validation {
    /// GLPK's limit for row, column and problem names (bytes, excluding the terminator).
    static let maximumNameLength = 255

    /// GLPK rejects names longer than 255 bytes and names containing control characters (`iscntrl`);
    /// a NUL would silently truncate the C string.
    static func checkName(_ name: String, what: String) throws {
        let utf8 = name.utf8
        guard utf8.count <= Self.maximumNameLength else {
            throw GLPKError.invalidArgument(
                "\(what) is \(utf8.count) bytes long; GLPK allows at most \(Self.maximumNameLength)"
            )
        }
        if utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw GLPKError.invalidArgument("\(what) \(name.debugDescription) contains control characters")
        }
    }

    static func checkFinite(_ value: Double, what: @autoclosure () -> String) throws {
        guard value.isFinite else {
            throw GLPKError.invalidArgument("\(what()) must be finite, got \(value)")
        }
    }

    /// File names are C strings.
    static func checkPath(_ path: String) throws {
        guard !path.isEmpty, !path.utf8.contains(0) else {
            throw GLPKError(code: .io, message: "invalid file path \(path.debugDescription)")
        }
    }
}

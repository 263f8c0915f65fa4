// SPDX-License-Identifier: GPL-3.0-or-later

/// A store that cannot be used as asked, in words an operator can act on.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// Extensible: new codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        public var description: String { name }
        /// The database's schema is older or newer than this build's.
        public static let schemaNotCurrent = Code(name: "schema_not_current")
        /// The database address cannot be understood (`--db`).
        public static let badAddress = Code(name: "bad_address")
        /// The database server cannot be reached or refused us.
        public static let unavailable = Code(name: "unavailable")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

extension Problem {
    /// Writes the problem in CPLEX LP format (`glp_write_lp`).
    /// - Throws: `GLPKError.io` naming the path and GLPK's reason.
    public func writeLP(to path: String) throws {
        let handle = try self.checkedHandle()
        try self.fileOperation("write LP file", path) { glp_write_lp(handle, nil, path) }
    }

    /// Writes the problem in free MPS format (`glp_write_mps`, `GLP_MPS_FILE`).
    ///
    /// MPS has no objective sense; GLPK records it only in a comment, and `readMPS` reads a minimisation.
    /// - Throws: `GLPKError.io` naming the path and GLPK's reason.
    public func writeMPS(to path: String) throws {
        let handle = try self.checkedHandle()
        try self.fileOperation("write MPS file", path) { glp_write_mps(handle, GLP_MPS_FILE, nil, path) }
    }

    /// Reads a CPLEX LP file into this problem (`glp_read_lp`); GLPK erases any previous content first.
    /// - Throws: `GLPKError.io` naming the path and GLPK's reason (including parse errors with line numbers).
    public func readLP(from path: String) throws {
        let handle = try self.checkedHandle()
        try self.fileOperation("read LP file", path) { glp_read_lp(handle, nil, path) }
    }

    /// Reads a free MPS file into this problem (`glp_read_mps`, `GLP_MPS_FILE`); GLPK erases any previous
    /// content first. The objective sense is always minimisation (see `writeMPS`).
    /// - Throws: `GLPKError.io` naming the path and GLPK's reason.
    public func readMPS(from path: String) throws {
        let handle = try self.checkedHandle()
        try self.fileOperation("read MPS file", path) { glp_read_mps(handle, GLP_MPS_FILE, nil, path) }
    }

    /// Runs a GLPK file routine, turning a non-zero result into an error carrying what GLPK printed.
    private func fileOperation(_ what: String, _ path: String, _ body: () -> Int32) throws {
        try Validation.checkPath(path)
        let (code, output) = self.sink.capturing(body)
        guard code == 0 else {
            let detail = output.isEmpty ? "" : ": \(output)"
            throw GLPKError(code: .io, message: "cannot \(what) '\(path)'\(detail)")
        }
    }
}

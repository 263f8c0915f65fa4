// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

/// A return code of a GLPK routine (`0` or one of the `GLP_E*` constants).
///
/// An open struct rather than an enum because GLPK may add codes and callers mostly compare against a few.
public struct ReturnCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let success = ReturnCode(rawValue: 0)
    public static let ebadb = ReturnCode(rawValue: GLP_EBADB)
    public static let esing = ReturnCode(rawValue: GLP_ESING)
    public static let econd = ReturnCode(rawValue: GLP_ECOND)
    public static let ebound = ReturnCode(rawValue: GLP_EBOUND)
    public static let efail = ReturnCode(rawValue: GLP_EFAIL)
    public static let eobjll = ReturnCode(rawValue: GLP_EOBJLL)
    public static let eobjul = ReturnCode(rawValue: GLP_EOBJUL)
    public static let eitlim = ReturnCode(rawValue: GLP_EITLIM)
    public static let etmlim = ReturnCode(rawValue: GLP_ETMLIM)
    public static let enopfs = ReturnCode(rawValue: GLP_ENOPFS)
    public static let enodfs = ReturnCode(rawValue: GLP_ENODFS)
    public static let eroot = ReturnCode(rawValue: GLP_EROOT)
    public static let estop = ReturnCode(rawValue: GLP_ESTOP)
    public static let emipgap = ReturnCode(rawValue: GLP_EMIPGAP)
    public static let enofeas = ReturnCode(rawValue: GLP_ENOFEAS)
    public static let enocvg = ReturnCode(rawValue: GLP_ENOCVG)
    public static let einstab = ReturnCode(rawValue: GLP_EINSTAB)
    public static let edata = ReturnCode(rawValue: GLP_EDATA)
    public static let erange = ReturnCode(rawValue: GLP_ERANGE)

    public var description: String {
        switch self {
        case .success: "success"
        case .ebadb: "GLP_EBADB: invalid basis"
        case .esing: "GLP_ESING: singular matrix"
        case .econd: "GLP_ECOND: ill-conditioned matrix"
        case .ebound: "GLP_EBOUND: invalid bounds"
        case .efail: "GLP_EFAIL: solver failed"
        case .eobjll: "GLP_EOBJLL: objective lower limit reached"
        case .eobjul: "GLP_EOBJUL: objective upper limit reached"
        case .eitlim: "GLP_EITLIM: iteration limit exceeded"
        case .etmlim: "GLP_ETMLIM: time limit exceeded"
        case .enopfs: "GLP_ENOPFS: no primal feasible solution"
        case .enodfs: "GLP_ENODFS: no dual feasible solution"
        case .eroot: "GLP_EROOT: root LP optimum not provided"
        case .estop: "GLP_ESTOP: search terminated by application"
        case .emipgap: "GLP_EMIPGAP: relative MIP gap tolerance reached"
        case .enofeas: "GLP_ENOFEAS: no primal/dual feasible solution"
        case .enocvg: "GLP_ENOCVG: no convergence"
        case .einstab: "GLP_EINSTAB: numerical instability"
        case .edata: "GLP_EDATA: invalid data"
        case .erange: "GLP_ERANGE: result out of range"
        default: "GLPK return code \(self.rawValue)"
        }
    }
}

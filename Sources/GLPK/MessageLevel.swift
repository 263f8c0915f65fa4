// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK

/// How much GLPK prints (`msg_lev`). All of it goes to the thread's logger, never to stdout.
public enum MessageLevel: Sendable, Equatable {
    case off
    /// Warnings and errors only; the default, so a service log is not flooded with progress lines.
    case errors
    case normal
    case all
    case debug

    var glpkValue: Int32 {
        switch self {
        case .off: GLP_MSG_OFF
        case .errors: GLP_MSG_ERR
        case .normal: GLP_MSG_ON
        case .all: GLP_MSG_ALL
        case .debug: GLP_MSG_DBG
        }
    }
}

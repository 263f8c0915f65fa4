// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallCLI

// The executable stays thin: everything, exit codes included, lives in OncallCLI.
exit(await Oncall.run(arguments: Array(CommandLine.arguments.dropFirst())))

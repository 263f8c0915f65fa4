// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import OncallDaemonCLI

// The executable stays thin: everything, exit codes included, lives in OncallDaemonCLI.
exit(await Oncalld.run(arguments: Array(CommandLine.arguments.dropFirst())))

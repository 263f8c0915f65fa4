// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import RosterModel

/// `--lang ja|en` on every command that writes something people read.
extension ReportLanguage: ExpressibleByArgument {}

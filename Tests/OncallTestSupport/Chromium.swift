// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Chromium on PATH, for the tests that print PDFs and render pages in a real browser; nil where it
/// is not installed (`.ci/deps` installs Debian's `chromium`).
public func chromium() -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
        for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
    }
    return nil
}

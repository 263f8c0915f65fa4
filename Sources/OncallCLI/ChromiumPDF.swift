// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterModel

/// PDFs are printed by headless Chromium: it lays out Japanese text and @page rules as a browser
/// would, which no Swift library on Linux does.
enum ChromiumPDF {
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    /// On macOS, browsers live in app bundles, not on PATH.
    static let applications = [
        "/Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    ]

    /// The first Chromium found on PATH (or in /Applications).
    static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in candidates {
            for dir in path.split(separator: ":") {
                let full = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: full) { return full }
            }
        }
        return applications.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The Chromium to print with — the one given, or the one found; without one, `--pdf` is a
    /// request that cannot be met (exit 2).
    static func require(for pdf: String, given: String? = nil) throws -> String {
        if let given {
            guard FileManager.default.isExecutableFile(atPath: given) else {
                throw InputError(InputIssue(
                    file: given, message: "cannot print a PDF: no Chromium at this path",
                    hint: "give the path of the chromium or chrome executable, or install chromium (e.g. apt-get install chromium)"))
            }
            return given
        }
        guard let chromium = executable() else {
            throw InputError(InputIssue(
                file: pdf, message: "cannot print a PDF: Chromium is not installed",
                hint: "install chromium (e.g. apt-get install chromium) or open the HTML page and print it from a browser"))
        }
        return chromium
    }

    /// Prints an HTML file to a PDF file.
    static func print(html: String, to pdf: String, chromium: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        let htmlURL = URL(fileURLWithPath: html).standardizedFileURL
        let pdfPath = URL(fileURLWithPath: pdf).standardizedFileURL.path
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdfPath)", htmlURL.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: pdfPath) else {
            throw InputError(InputIssue(
                file: pdf, message: "Chromium (\(chromium)) failed to print the PDF (exit \(process.terminationStatus))",
                hint: "run it by hand with --headless --print-to-pdf to see why"))
        }
    }
}

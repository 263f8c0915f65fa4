// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// One VEVENT as Python's icalendar library reads it.
public struct ParsedEvent: Decodable, Sendable {
    public var uid: String
    public var start: String
    public var end: String
    public var tzid: String?
    public var summary: String
    public var description: String
    public var sequence: Int
    /// STATUS, "" when absent.
    public var status: String
}

/// Parses an .ics file with Python's `icalendar` (an independent RFC 5545 parser). Records an
/// issue, rather than passing quietly, when python3 or icalendar is missing (`.ci/deps` installs it).
public func parseICS(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> [ParsedEvent]? {
    let script = """
        import json, sys
        import icalendar
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        out = []
        for e in cal.walk('VEVENT'):
            s, t = e['DTSTART'], e['DTEND']
            out.append({'uid': str(e['UID']), 'start': s.dt.isoformat(), 'end': t.dt.isoformat(),
                        'tzid': s.params.get('TZID'), 'summary': str(e['SUMMARY']),
                        'description': str(e.get('DESCRIPTION', '')), 'sequence': int(e.get('SEQUENCE', 0)),
                        'status': str(e.get('STATUS', ''))})
        print(json.dumps(out))
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, path]
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do { try process.run() } catch {
        Issue.record("cannot run python3 to parse the feed: \(error); install Python 3 and `pip install icalendar`", sourceLocation: sourceLocation)
        return nil
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        Issue.record("python3 icalendar could not parse \(path) (run `python3 -m pip install icalendar`): \(message)", sourceLocation: sourceLocation)
        return nil
    }
    do { return try JSONDecoder().decode([ParsedEvent].self, from: data) } catch {
        Issue.record("unexpected output from the icalendar parser: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

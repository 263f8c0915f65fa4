// SPDX-License-Identifier: GPL-3.0-or-later
import Yams

/// The top mapping of a YAML (or JSON) file the user wrote, or the issue that stops it being read:
/// a syntax error with its line, an empty file, a top level that is not a mapping.
package enum YAMLDocument {
    package static func top(_ text: String, file: String, emptyHint: String) throws(InputError) -> YAMLFields {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw InputError(InputIssue(file: file, message: "is empty", hint: emptyHint))
            }
            root = node
        } catch let error as InputError {
            throw error
        } catch let error as YamlError {
            throw InputError(syntaxIssue(error, file: file))
        } catch {
            throw InputError(InputIssue(file: file, message: "cannot be read as YAML or JSON: \(error)"))
        }
        let issues = YAMLIssueCollector(file: file)
        guard let top = YAMLFields(root, path: "", issues: issues) else { throw InputError(issues.issues) }
        return top
    }

    private static func syntaxIssue(_ error: YamlError, file: String) -> InputIssue {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text) at line \($0.mark.line))" } ?? problem
            return InputIssue(
                file: file, line: mark.line, column: mark.column, message: "YAML syntax error: \(detail)",
                hint: "check indentation, colons and quotes on this line and the one before")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return InputIssue(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "the key \(duplicates.joined(separator: ", ")) appears twice in one mapping",
                hint: "keep one of them")
        default:
            return InputIssue(file: file, message: "cannot be read as YAML or JSON: \(error)")
        }
    }
}

extension YAMLFields {
    /// A `contact: {webhook, email, sms, phone}` mapping: the channels, in paging order, and a number to call back.
    package func contact(_ key: String) -> Contact? {
        guard let c = fields(key) else { return nil }
        c.rejectUnknownKeys(["webhook", "email", "sms", "phone"])
        return Contact(webhook: c.string("webhook"), email: c.string("email"), sms: c.string("sms"), phone: c.string("phone"))
    }
}

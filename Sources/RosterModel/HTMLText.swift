// SPDX-License-Identifier: GPL-3.0-or-later

/// Text put into HTML: names, labels and anything else a person typed into a network file or a form.
public enum HTMLText {
    /// Escapes `&`, `<`, `>`, `"` and `'`, so the text is safe in element content and in quoted attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

extension HTMLText {
    /// A whole self-contained page: UTF-8, the given inline style, no script and no external file.
    ///
    /// - Parameters:
    ///   - title: plain text; escaped here.
    ///   - style: CSS, put in the head as is.
    ///   - body: HTML, put in the body as is.
    ///   - head: more HTML for the head (meta elements), as is.
    public static func document(language: ReportLanguage, title: String, style: String, body: String, head: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        \(head)<title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}

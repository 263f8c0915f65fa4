// SPDX-License-Identifier: GPL-3.0-or-later
import RosterModel

/// `/login`: one field for the access token the office gave out (the same tokens as the API);
/// `/` and the pages behind it send here when nobody is signed in. Also the frame of error pages.
struct LoginPage {
    var context: PageContext
    var next: String
    var failed: Bool

    func render() -> String {
        let c = context
        var body = "<h1>\(esc(c.text(.signIn)))</h1>\n"
        if failed { body += "<p class=\"error\" role=\"alert\">\(esc(c.text(.signInFailed)))</p>\n" }
        body += "<form method=\"post\" action=\"/login\">\n"
        body += "<p><label for=\"token\">\(esc(c.text(.token)))</label><br>"
        body += "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required autofocus></p>\n"
        body += "<input type=\"hidden\" name=\"next\" value=\"\(attr(next))\">\n"
        if c.languageFromQuery { body += "<input type=\"hidden\" name=\"lang\" value=\"\(c.language.rawValue)\">\n" }
        body += "<p><button type=\"submit\">\(esc(c.text(.signIn)))</button></p>\n</form>\n"
        return WebPage(title: c.text(.signIn), context: c, body: body).render()
    }
}

/// A page that only says what went wrong (403, 404, 400), in the viewer's language.
struct MessagePage {
    var context: PageContext
    var message: String

    func render() -> String {
        WebPage(title: message, context: context, body: "<h1>\(esc(message))</h1>\n<p><a href=\"\(attr(context.link("/")))\">\(esc(context.text(.onCallNow)))</a></p>\n").render()
    }
}

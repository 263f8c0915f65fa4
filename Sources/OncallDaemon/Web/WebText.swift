// SPDX-License-Identifier: GPL-3.0-or-later
import OncallCalendar
import RosterModel

/// The words of the web pages in Japanese and English. Words the printed roster also uses (weekdays,
/// tiers, column headings) come from `ReportLanguage`, so screen and paper say the same.
enum WebText {
    static func text(_ key: Key, _ l: ReportLanguage) -> String {
        let pair = words[key] ?? (key.rawValue, key.rawValue)
        return l == .ja ? pair.ja : pair.en
    }

    enum Key: String {
        case onCallNow, asOf, nextShift, nobodyNow, nobodyNext, allDistricts, phone, email
        case monthRoster, previousMonth, nextMonth, notPublished, legendSaturday, legendHoliday, legendYearEnd
        case duties, noDuties, pools, date, shift, hours, pool, tier
        case feed, feedHint, subscribe, noFeed, askForFeed, createFeed, revokeFeed
        case signIn, token, signInFailed, tooManySignIns, signOut, signedInAs
        case forbidden, notFound, badRequest, badForm
        case physician, nurse, pharmacist
        case page, patient, caller, callBack, note, alsoPaged, acknowledge, decline, acknowledged, declined
        case alreadyClosed, linkInvalid, statusLabel, open, answered, exhausted
        case callCentre, searchPatient, search, noPatientFound, chainNow, step, whoIsPaged, skippedLabel, escalate, urgency
        case urgencyHigh, urgencyNormal, urgencyLow, nextOnRota, escalationStatus, pagesSent, time, result, answers, refreshes
        case facilityLabel, nobodyToPage
    }

    private static let words: [Key: (en: String, ja: String)] = [
        .onCallNow: ("On call now", "現在の当番"),
        .asOf: ("as of", "時点"),
        .nextShift: ("Next", "次の当番"),
        .nobodyNow: ("Nobody is rostered now.", "現在、当番の登録はありません。"),
        .nobodyNext: ("No later shift is published.", "この先の当番表は公開されていません。"),
        .allDistricts: ("All districts", "全域"),
        .phone: ("phone", "電話"),
        .email: ("e-mail", "メール"),
        .monthRoster: ("Monthly roster", "月間当番表"),
        .previousMonth: ("← previous month", "← 前月"),
        .nextMonth: ("next month →", "翌月 →"),
        .notPublished: ("No roster is published for this month.", "この月の当番表はまだ公開されていません。"),
        .legendSaturday: ("Saturday", "土曜"),
        .legendHoliday: ("Sunday or holiday", "日曜・祝日"),
        .legendYearEnd: ("Year-end holidays (12/29–1/3)", "年末年始（12/29〜1/3）"),
        .duties: ("Duties", "当番"),
        .noDuties: ("No duties.", "当番はありません。"),
        .pools: ("Pools", "所属グループ"),
        .date: ("date", "日付"),
        .shift: ("shift", "勤務帯"),
        .hours: ("hours", "時間"),
        .pool: ("pool", "グループ"),
        .tier: ("tier", "区分"),
        .feed: ("Calendar feed", "カレンダー配信"),
        .feedHint: (
            "Subscribe to this address in your phone's calendar app. Keep it to yourself: anyone who has it can read your duties.",
            "このアドレスをスマートフォンのカレンダーアプリで購読してください。アドレスを知っている人は誰でも当番を見られるので、他の人に教えないでください。"
        ),
        .subscribe: ("Add to my calendar", "カレンダーに追加"),
        .noFeed: ("No calendar feed has been made yet.", "カレンダー配信のアドレスはまだ発行されていません。"),
        .askForFeed: ("Ask the association's office to make one.", "事務局に発行を依頼してください。"),
        .createFeed: ("Make a feed address", "配信アドレスを発行"),
        .revokeFeed: ("Revoke", "無効にする"),
        .signIn: ("Sign in", "ログイン"),
        .token: ("Access token", "アクセストークン"),
        .signInFailed: ("That token is not known. Check it and try again.", "トークンが正しくありません。確認してもう一度入力してください。"),
        .tooManySignIns: ("Too many failed sign-ins from here. Wait a few minutes and try again.", "ログインの失敗が続いたため、しばらく受け付けません。数分待ってからもう一度お試しください。"),
        .signOut: ("Sign out", "ログアウト"),
        .signedInAs: ("Signed in as", "ログイン中:"),
        .forbidden: ("Your account cannot open this page.", "このページを見る権限がありません。"),
        .notFound: ("There is no such page.", "ページが見つかりません。"),
        .badRequest: ("The address is not valid", "アドレスが正しくありません"),
        .badForm: ("The form could not be read. Go back and send it again.", "フォームを読み取れませんでした。戻ってもう一度送信してください。"),
        .physician: ("physician", "医師"),
        .nurse: ("nurse", "看護師"),
        .pharmacist: ("pharmacist", "薬剤師"),
        .page: ("You are being paged", "呼び出しです"),
        .patient: ("Patient", "患者"),
        .caller: ("Calling", "連絡元"),
        .callBack: ("Call back", "折り返し先"),
        .note: ("Note", "連絡内容"),
        .alsoPaged: ("Also paged", "同時・前後に呼び出された人"),
        .acknowledge: ("Acknowledge: I will respond", "応答する（対応します）"),
        .decline: ("Decline: I cannot respond", "辞退する（対応できません）"),
        .acknowledged: ("Acknowledged. Thank you.", "応答を記録しました。ありがとうございます。"),
        .declined: ("Declined. The next person is being paged.", "辞退を記録しました。次の人を呼び出します。"),
        .alreadyClosed: ("This call is already closed; nothing was changed.", "この呼び出しはすでに終了しています。何も変更していません。"),
        .linkInvalid: ("This link is not valid or has expired.", "このリンクは無効か、有効期限が切れています。"),
        .statusLabel: ("Status", "状態"),
        .open: ("open", "呼び出し中"),
        .answered: ("acknowledged", "応答済み"),
        .exhausted: ("nobody answered", "応答なし"),
        .callCentre: ("Call centre", "コールセンター"),
        .searchPatient: ("Patient id or name", "患者IDまたは氏名"),
        .search: ("Search", "検索"),
        .noPatientFound: ("No registered patient matches.", "該当する登録患者はいません。"),
        .chainNow: ("Who would be paged now, in order", "いま呼び出す順番"),
        .step: ("step", "順"),
        .whoIsPaged: ("paged", "呼び出す人"),
        .skippedLabel: ("skipped", "対象外"),
        .escalate: ("Page now", "呼び出す"),
        .urgency: ("Urgency", "緊急度"),
        .urgencyHigh: ("high", "高"),
        .urgencyNormal: ("normal", "中"),
        .urgencyLow: ("low", "低"),
        .nextOnRota: ("Next on the rota", "次の当番"),
        .escalationStatus: ("Call in progress", "呼び出し状況"),
        .pagesSent: ("Pages", "送信した呼び出し"),
        .time: ("time", "時刻"),
        .result: ("result", "結果"),
        .answers: ("Answers", "応答"),
        .refreshes: ("This page refreshes itself every 10 seconds.", "このページは10秒ごとに自動で更新されます。"),
        .facilityLabel: ("facility", "施設"),
        .nobodyToPage: ("Nobody can be paged now.", "いま呼び出せる人がいません。"),
    ]

    /// "12/5(土)" or "Sat 12/5".
    static func day(_ date: CivilDate, _ l: ReportLanguage) -> String {
        l == .ja ? "\(date.month)/\(date.day)(\(l.weekday(date.weekday)))" : "\(l.weekday(date.weekday)) \(date.month)/\(date.day)"
    }

    /// "2026年12月" or "2026-12".
    static func month(_ month: YearMonth, _ l: ReportLanguage) -> String {
        l == .ja ? "\(month.year)年\(month.month)月" : month.description
    }

    /// "18:00–翌09:00" or "18:00–09:00 next day" for a shift past midnight.
    static func hours(_ shift: Shift, _ l: ReportLanguage) -> String {
        guard shift.crossesMidnight else { return "\(shift.start)–\(shift.end)" }
        return l == .ja ? "\(shift.start)–翌\(shift.end)" : "\(shift.start)–\(shift.end) next day"
    }

    /// A chain step's name as people say it: 主治医, 副主治医, 当番, 待機 …
    static func tier(_ tier: String, _ l: ReportLanguage) -> String {
        let names: [String: (String, String)] = [
            "attending": ("attending doctor", "主治医"), "partner": ("partner doctor", "副主治医"), "primary": ("on duty", "当番"),
            "backup": ("backup", "待機"), "physician": ("physician on duty", "当番医師"), "pharmacist": ("pharmacist on duty", "当番薬剤師"),
            "hospital": ("hospital", "後方支援病院"), "coordinator": ("coordinator", "コーディネーター"), "contact": ("contact", "連絡先"),
            "admin": ("office", "事務局"),
        ]
        guard let pair = names[tier] else { return tier }
        return l == .ja ? pair.1 : pair.0
    }

    static func role(_ role: Role, _ l: ReportLanguage) -> String {
        switch role {
        case .physician: text(.physician, l)
        case .nurse: text(.nurse, l)
        case .pharmacist: text(.pharmacist, l)
        }
    }
}

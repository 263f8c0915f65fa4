// SPDX-License-Identifier: GPL-3.0-or-later

/// The language of a report or page people read: Japanese for associations in Japan, English otherwise.
///
/// Shared by the command line's reports and the daemon's web pages, so a label reads the same on paper
/// and on screen.
public enum ReportLanguage: String, CaseIterable, Sendable {
    case ja, en

    /// Japanese when the network keeps Japan's time, English elsewhere.
    public static func `default`(timezone: String) -> ReportLanguage { timezone == "Asia/Tokyo" ? .ja : .en }

    /// The label of a column key or a phrase; the key itself when no label is known.
    public func label(_ key: String) -> String {
        guard let pair = ReportLanguage.labels[key] else { return key }
        return self == .ja ? pair.ja : pair.en
    }

    private static let labels: [String: (en: String, ja: String)] = [
        "title": ("Fairness report", "当番の公平性レポート"),
        "comparison": ("Fairness comparison", "当番表の公平性の比較"),
        "pools": ("Pools", "当番グループ"),
        "members": ("Members", "会員"),
        "chart": ("Normalised load per member against the fair target", "会員ごとの負担（常勤換算）と公平な目標"),
        "violations": ("Hard rules broken (the roster is measured all the same)", "守られていない必須ルール（それでも公平性は測っています）"),
        "legend_load": ("normalised load", "負担（常勤換算）"),
        "legend_target": ("fair target", "公平な目標"),
        "months": ("Period", "期間"),
        "network": ("Network", "ネットワーク"),
        "pool": ("pool", "グループ"),
        "member": ("member", "会員"),
        "name": ("name", "氏名"),
        "metric": ("metric", "指標"),
        "a": ("A", "A"),
        "b": ("B", "B"),
        "difference": ("B − A", "差 (B − A)"),
        "member_count": ("members", "人数"),
        "spread": ("spread", "最大差"),
        "stddev": ("stddev", "標準偏差"),
        "gini": ("Gini", "ジニ係数"),
        "jain": ("Jain", "Jain指数"),
        "min": ("min", "最小"),
        "max": ("max", "最大"),
        "normalized_target": ("fair target (norm.)", "公平な目標（常勤換算）"),
        "total_load": ("total load", "負担合計"),
        "requests": ("requests", "希望休"),
        "requests_honoured": ("honoured", "希望休が守られた数"),
        "request_satisfaction": ("request rate", "希望休の達成率"),
        "fte": ("FTE", "常勤換算"),
        "primary": ("primary", "当番"),
        "backup": ("backup", "待機"),
        "nights": ("nights", "夜間"),
        "weekend_holiday": ("weekend/holiday", "土日祝"),
        "year_end": ("year-end", "年末年始"),
        "history": ("history", "繰越"),
        "load": ("load", "負担"),
        "normalized_load": ("normalised load", "負担（常勤換算）"),
        "target": ("fair target", "公平な目標"),
        "deviation": ("deviation", "目標との差"),
        "longest_run": ("longest run", "最長連続日数"),
        "shortest_gap": ("shortest gap", "最短間隔（日）"),
    ]
}

#!/usr/bin/env python3
"""Writes Samples/city.yaml: a fictional city at the scale of DOMAIN.md (one city's 2016 figures).

    python3 Samples/generate_city.py

Deterministic (fixed seed), prints nothing, needs only the standard library. 151 clinics with
240 physicians, 56 visiting nurse stations, 285 pharmacies (252 with the narcotics licence) and
6 hospitals with 12 physicians, in 6 welfare districts. Days off, requests, part-timers and
overrides are drawn for 2026-12 .. 2027-03. All names and contact data are fictional.
"""
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

SEED = 20261201
OUT = Path(__file__).with_name("city.yaml")
FIRST_DAY, LAST_DAY = date(2026, 12, 1), date(2027, 3, 31)  # days off are drawn in this window
OFF_SHARE = 0.25  # at most this share of a pool is off on any one date (3 of 12 for hospitals)

# id, name, clinics, clinic physicians, nurse stations, pharmacies, pharmacies without the
# narcotics licence, hospital, places used in facility names
DISTRICTS = [
    ("chuo", "中央福祉区", 30, 50, 11, 55, 6, "青葉台市民病院",
     "本町 駅前 栄町 錦町 元町 旭町 城山 桜木町 中町 大通 仲町 宮下"),
    ("kita", "北福祉区", 24, 38, 9, 45, 5, "北斗記念病院",
     "北野 緑が丘 松ヶ丘 星川 白樺 鷹の台 北原 千歳 清水台 柳原 上野台"),
    ("higashi", "東福祉区", 27, 42, 10, 50, 6, "東山総合病院",
     "東山 日の出 朝日 若葉台 梅林 桃園 青柳 東雲 曙町 小松原 藤ヶ丘"),
    ("minami", "南福祉区", 26, 40, 9, 48, 6, "南風会病院",
     "南台 陽光台 稲荷 若松 松原 汐見 大森 南町 竹園 花畑 鶴ヶ丘"),
    ("nishi", "西福祉区", 24, 38, 9, 45, 5, "西が丘病院",
     "西ヶ丘 夕陽 富士見 紅葉台 竹の台 柏木 萩原 西原 霞町 桂台 山王"),
    ("minato", "港福祉区", 20, 32, 8, 42, 5, "港みらい病院",
     "港南 汐入 浜町 灯台 磯辺 潮見 海岸通 入江 船見 浦安台 港北"),
]
HOSPITAL_PHYSICIANS = 2

SURNAMES = """佐藤 sato 鈴木 suzuki 高橋 takahashi 田中 tanaka 伊藤 ito 渡辺 watanabe 山本 yamamoto
中村 nakamura 小林 kobayashi 加藤 kato 吉田 yoshida 山田 yamada 佐々木 sasaki 山口 yamaguchi
松本 matsumoto 井上 inoue 木村 kimura 林 hayashi 斎藤 saito 清水 shimizu 山崎 yamazaki 森 mori
池田 ikeda 橋本 hashimoto 阿部 abe 石川 ishikawa 山下 yamashita 中島 nakajima 石井 ishii
小川 ogawa 前田 maeda 岡田 okada 長谷川 hasegawa 藤田 fujita 後藤 goto 近藤 kondo 村上 murakami
遠藤 endo 青木 aoki 坂本 sakamoto 福田 fukuda 太田 ota 西村 nishimura 藤井 fujii 金子 kaneko
岡本 okamoto 藤原 fujiwara 中野 nakano 三浦 miura 原田 harada 中川 nakagawa 松田 matsuda
竹内 takeuchi 小野 ono 田村 tamura 中山 nakayama 和田 wada 石田 ishida 森田 morita 上田 ueda
原 hara 内田 uchida 柴田 shibata 酒井 sakai 宮崎 miyazaki 横山 yokoyama 高木 takagi 安藤 ando
宮本 miyamoto 大塚 otsuka 小島 kojima 谷口 taniguchi 今井 imai 工藤 kudo 高田 takada 増田 masuda
丸山 maruyama 杉山 sugiyama 村田 murata 新井 arai 小山 koyama 平野 hirano 藤本 fujimoto
河野 kono 上野 ueno 野口 noguchi 武田 takeda 松井 matsui 千葉 chiba 岩崎 iwasaki 菅原 sugawara
木下 kinoshita 久保 kubo 佐野 sano 野村 nomura 松尾 matsuo 市川 ichikawa 菊地 kikuchi
杉本 sugimoto 古川 furukawa 大西 onishi 島田 shimada 水野 mizuno 桜井 sakurai 高野 takano
吉川 yoshikawa 山内 yamauchi 西田 nishida 飯田 iida 西川 nishikawa 小松 komatsu 北村 kitamura
安田 yasuda 五十嵐 igarashi 川口 kawaguchi 平田 hirata 関 seki 中田 nakata 久保田 kubota
服部 hattori 岩田 iwata 土屋 tsuchiya 福島 fukushima 本田 honda 辻 tsuji 樋口 higuchi
秋山 akiyama 田口 taguchi 永井 nagai 山中 yamanaka 中西 nakanishi 吉村 yoshimura 大橋 ohashi
石原 ishihara 松岡 matsuoka 馬場 baba 浜田 hamada 森本 morimoto 星野 hoshino 矢野 yano
浅野 asano 大久保 okubo 松下 matsushita 吉岡 yoshioka 小池 koike 野田 noda 荒木 araki
大谷 otani 内藤 naito 松浦 matsuura 熊谷 kumagai 黒田 kuroda 尾崎 ozaki 永田 nagata
川上 kawakami 望月 mochizuki 田辺 tanabe 松村 matsumura"""
MALE = """博 hiroshi 健一 kenichi 誠 makoto 隆 takashi 大輔 daisuke 直樹 naoki 拓也 takuya
健太 kenta 修 osamu 亮 ryo 翔太 shota 和也 kazuya 達也 tatsuya 剛 tsuyoshi 正樹 masaki
聡 satoshi 淳 jun 悠人 yuto 陽介 yosuke 雄一 yuichi 康弘 yasuhiro 英樹 hideki 雅人 masato
智之 tomoyuki 俊介 shunsuke 義男 yoshio 茂 shigeru 勝 masaru 豊 yutaka 浩二 koji 哲也 tetsuya
秀明 hideaki 信一 shinichi 拓海 takumi 洋平 yohei 光 hikaru"""
FEMALE = """恵子 keiko 裕子 yuko 美咲 misaki 由美 yumi 直子 naoko 真由美 mayumi 香織 kaori 陽子 yoko
智子 tomoko 明美 akemi 綾 aya 舞 mai 結衣 yui 美穂 miho 千尋 chihiro 沙織 saori 久美子 kumiko
京子 kyoko 典子 noriko 幸子 sachiko 愛 ai 瞳 hitomi 奈々 nana 早紀 saki 理恵 rie 友美 tomomi
亜希子 akiko 真理 mari 純子 junko 加奈 kana 優子 yuko 麻美 asami 由香 yuka 晴美 harumi 聖子 seiko"""

BRANDS = "あおば さくら ひかり つばさ いずみ かえで すみれ ひまわり あさひ みらい こころ わかば はなみずき やまぶき なでしこ こもれび ふれあい ゆずりは"
CLINIC_SUFFIXES = "内科 内科医院 医院 クリニック 内科クリニック 診療所 在宅クリニック ファミリークリニック 在宅診療所 ホームクリニック"
PHARMACY_BRANDS = "あおぞら すずらん こぐま みなみかぜ ほたる つくし しらかば ゆりかご わかくさ"


def pairs(text):
    words = text.split()
    return list(zip(words[0::2], words[1::2]))


class Generator:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.surnames, self.male, self.female = pairs(SURNAMES), pairs(MALE), pairs(FEMALE)
        self.facility_names = set()
        self.member_ids = set()
        self.phone = 0
        self.facilities = []  # (district id, yaml dict)
        self.members = []  # (district id, section, yaml dict)
        self.off_count = {}  # (pool id, date) -> members off that whole day
        self.pool_size = {"hospital": HOSPITAL_PHYSICIANS * len(DISTRICTS)}

    # ------------------------------------------------------------ names

    def unique_name(self, make):
        while True:
            name = make()
            if name not in self.facility_names:
                self.facility_names.add(name)
                return name

    def person(self, facility_id, female_share, surname=None):
        rng = self.rng
        sur = surname or rng.choice(self.surnames)
        while True:
            given = rng.choice(self.female if rng.random() < female_share else self.male)
            member_id = f"{facility_id}-{sur[1]}"
            if member_id in self.member_ids:
                member_id += f"-{given[1]}"
            if member_id not in self.member_ids:
                self.member_ids.add(member_id)
                return member_id, f"{sur[0]} {given[0]}"

    # ------------------------------------------------------------ days off and requests

    def whole_days(self, first, last):
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]

    def may_be_off(self, pool, days):
        limit = max(1, int(OFF_SHARE * self.pool_size[pool]))
        return all(self.off_count.get((pool, d), 0) < limit for d in days)

    def draw_offs(self, pool, year_end_share):
        """Off entries (year-end absence, vacations, single days, single nights) and requests."""
        rng = self.rng
        whole, nights = set(), set()

        def try_range(first, last):
            days = self.whole_days(first, last)
            if whole.isdisjoint(days) and self.may_be_off(pool, days):
                whole.update(days)
                for d in days:
                    self.off_count[(pool, d)] = self.off_count.get((pool, d), 0) + 1

        if rng.random() < year_end_share:
            first, last = rng.choice([((12, 29), (1, 1)), ((12, 30), (1, 3)), ((12, 31), (1, 2)),
                                      ((1, 1), (1, 3)), ((12, 28), (12, 31)), ((12, 30), (1, 2))])
            try_range(date(2026 if first[0] == 12 else 2027, *first),
                      date(2026 if last[0] == 12 else 2027, *last))
        for year, month in [(2026, 12), (2027, 1), (2027, 2), (2027, 3)]:
            days = [d for d in self.whole_days(FIRST_DAY, LAST_DAY) if (d.year, d.month) == (year, month)]
            if rng.random() < 0.2:  # a vacation or a conference trip
                start = rng.choice(days[:-6])
                try_range(start, start + timedelta(days=rng.randint(2, 5)))
            for _ in range(rng.choice([0, 1, 2, 2, 2, 3, 3])):
                d = rng.choice(days)
                try_range(d, d)
            if rng.random() < 0.25:  # one night only: the day itself is fine
                d = rng.choice(days)
                if d not in whole:
                    nights.add(d)
        off = [(d, f"{d}/night") for d in nights if d not in whole]
        for d in sorted(whole):  # adjacent days read as one range
            if d - timedelta(days=1) not in whole:
                last = d
                while last + timedelta(days=1) in whole:
                    last += timedelta(days=1)
                off.append((d, d.isoformat() if d == last else f"{d}..{last}"))
        prefer = []
        if rng.random() < 0.3:
            for _ in range(rng.randint(1, 3)):
                d = rng.choice(self.whole_days(FIRST_DAY, LAST_DAY))
                if d not in whole and d not in nights and d not in dict(prefer):
                    prefer.append((d, d.isoformat() if rng.random() < 0.7 else f"{d}/night"))
        return [s for _, s in sorted(off)], [s for _, s in sorted(prefer)]

    # ------------------------------------------------------------ members

    def add_member(self, district, section, facility_id, role, pool, female_share,
                   surname=None, skills=(), part_time_share=0.1, year_end_share=0.2):
        rng = self.rng
        member_id, name = self.person(facility_id, female_share, surname)
        m = {"id": member_id, "name": name, "facility": facility_id, "role": role}
        if skills:
            m["skills"] = list(skills)
        r = rng.random()
        if r < part_time_share * 0.6:
            m["fte"], m["max_duties"] = 0.5, 4
        elif r < part_time_share:
            m["fte"], m["max_duties"] = 0.8, 6
        elif r > 0.985:
            m["max_duties"] = rng.choice([5, 6, 10])  # senior members ask for fewer; a few for more
        off, prefer = self.draw_offs(pool, year_end_share)
        if off:
            m["off"] = off
        if prefer:
            m["prefer_off"] = prefer
        self.phone += 1
        contact = {}
        if rng.random() < 0.3:
            contact["webhook"] = f"https://example.invalid/aobadai/hooks/{member_id}"
        contact["email"] = f"{member_id}@example.invalid"
        if rng.random() < 0.9:
            contact["sms"] = f"+81-90-0000-{self.phone:04d}"
        m["contact"] = contact
        self.members.append((district, section, m))
        return m

    # ------------------------------------------------------------ the city

    def district(self, did, dname, n_clinics, n_physicians, n_stations, n_pharmacies,
                 n_no_narcotics, hospital, places):
        rng = self.rng
        places = places.split()
        brands, suffixes = BRANDS.split(), CLINIC_SUFFIXES.split()
        self.pool_size.update({f"phys-{did}": n_physicians, f"pharm-{did}": n_pharmacies})

        # Clinics: mostly solo practices; the extra physicians go to a few group practices.
        per_clinic = [1] * n_clinics
        while sum(per_clinic) < n_physicians:
            i = rng.choices(range(n_clinics), weights=[c * c if c < 6 else 0 for c in per_clinic])[0]
            per_clinic[i] += 1
        clinics = []
        for i, count in enumerate(per_clinic, 1):
            fid = f"{did}-c{i:02d}"
            head = rng.choice(self.surnames)
            if rng.random() < 0.5:
                name = self.unique_name(lambda: head[0] + rng.choice(suffixes))
            else:
                name = self.unique_name(lambda: rng.choice(places + brands) + rng.choice(suffixes))
            clinics.append((fid, name, count, head))

        # Visiting nurse stations: 1-4 on-call nurses; at least 22 per district.
        nurses = [rng.choices([1, 2, 3, 4], weights=[15, 35, 30, 20])[0] for _ in range(n_stations)]
        while sum(nurses) < 22:
            i = rng.randrange(n_stations)
            nurses[i] = min(4, nurses[i] + 1)
        self.pool_size[f"nurse-{did}"] = sum(nurses)
        stations = []
        for i, count in enumerate(nurses, 1):
            name = self.unique_name(lambda: rng.choice(
                [f"{rng.choice(places)}訪問看護ステーション", f"訪問看護ステーション{rng.choice(brands)}"]))
            stations.append((f"{did}-v{i:02d}", name, count))

        # Home-care teams: 2-3 clinics with one nurse station, for about a third of the clinics.
        teams = {}
        order = rng.sample(range(n_clinics), n_clinics)
        for t in range(n_stations // 3):
            tid = f"{did}-t{t + 1}"
            teams[stations[t * 3][0]] = tid
            size = rng.choice([2, 3])
            for i in order[:size]:
                teams[clinics[i][0]] = tid
            order = order[size:]

        # Pharmacies: one on-call pharmacist, a few with two.
        no_narcotics = set(rng.sample(range(n_pharmacies), n_no_narcotics))
        pharmacies = []
        for i in range(n_pharmacies):
            name = self.unique_name(lambda: rng.choice([
                f"{rng.choice(PHARMACY_BRANDS.split())}薬局 {rng.choice(places)}店",
                f"{rng.choice(places)}薬局", f"{rng.choice(places)}調剤薬局",
                f"{rng.choice(self.surnames)[0]}薬局", f"{rng.choice(brands)}薬局"]))
            pharmacies.append((f"{did}-p{i + 1:02d}", name, 2 if rng.random() < 0.05 else 1, i not in no_narcotics))

        hospital_id = f"{did}-h"
        fac = self.facilities
        for fid, name, _, _ in clinics:
            fac.append((did, {"id": fid, "name": name, "kind": "clinic", "district": did, "team": teams.get(fid)}))
        for fid, name, _ in stations:
            fac.append((did, {"id": fid, "name": name, "kind": "nurse_station", "district": did,
                              "team": teams.get(fid)}))
        for fid, name, _, _ in pharmacies:
            fac.append((did, {"id": fid, "name": name, "kind": "pharmacy", "district": did}))
        fac.append((did, {"id": hospital_id, "name": hospital, "kind": "hospital", "district": did}))

        for fid, _, count, head in clinics:
            family = head if rng.random() < 0.4 else None  # the second physician may be a relative
            for k in range(count):
                self.add_member(did, "clinic physicians", fid, "physician", f"phys-{did}", 0.3,
                                surname=[head, family][k] if k < 2 else None)
        for fid, _, count in stations:
            for _ in range(count):
                self.add_member(did, "visiting nurses", fid, "nurse", f"nurse-{did}", 0.9,
                                part_time_share=0.12)
        for fid, _, count, narcotics in pharmacies:
            for _ in range(count):
                self.add_member(did, "pharmacists", fid, "pharmacist", f"pharm-{did}", 0.55,
                                skills=["narcotics"] if narcotics else ())
        for _ in range(HOSPITAL_PHYSICIANS):
            self.add_member(did, "hospital physicians", hospital_id, "physician", "hospital", 0.3,
                            part_time_share=0, year_end_share=0.15)

    def history(self):
        rng = self.rng
        return {m["id"]: rng.choice([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0])
                for _, _, m in self.members if rng.random() < 0.15}


# ---------------------------------------------------------------- YAML output

PLAIN = re.compile(r"[a-z][a-z0-9_-]*(@example\.invalid)?|[^\x00-\x7f][^\x00-\x1f:#,\[\]{}\"']*")
RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def flow(value):
    """One value in YAML flow style; strings are quoted unless plainly safe."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items() if v is not None) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if PLAIN.fullmatch(value) and value not in RESERVED and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)


def write(gen, history):
    names = {d[0]: d[1] for d in DISTRICTS}
    counts = {role: sum(m["role"] == role for _, _, m in gen.members) for role in ("physician", "nurse", "pharmacist")}
    lines = [
        "# Sample network: a city at the scale of DOMAIN.md (fictional 青葉台市, 6 welfare districts).",
        "# GENERATED by Samples/generate_city.py (fixed seed); edit the script, not this file.",
        f"# {len(gen.facilities)} facilities, {len(gen.members)} members "
        f"({counts['physician']} physicians, {counts['nurse']} nurses, {counts['pharmacist']} pharmacists).",
        "# Days off are filled in for 2026-12 .. 2027-03; other months have none.",
        "# Every person, facility and contact below is fictional.",
        "",
        "name: 青葉台市 在宅医療 24時間当番",
        "timezone: Asia/Tokyo",
        "",
        "calendar:",
        "  holidays: jp",
        "  year_end: true                 # 12-29 .. 01-03 are holidays",
        "  extra_holidays: []",
        "",
        "shifts:",
        '  - {id: night, name: 夜間, start: "18:00", end: "09:00", on: [weekday, saturday, sunday, holiday], weight: 1.0}',
        '  - {id: holiday-day, name: 休日日中, start: "09:00", end: "18:00", on: [sunday, holiday], weight: 1.5}',
        "",
        "districts:",
    ]
    lines += [f"  - {flow({'id': d[0], 'name': d[1]})}" for d in DISTRICTS]
    lines += ["", "# Teams (<district>-tN) are home-care teams: 2-3 clinics and one nurse station.", "facilities:"]
    current = None
    for did, f in gen.facilities:
        if did != current:
            lines.append(f"  # --- {names[did]} ---")
            current = did
        lines.append(f"  - {flow(f)}")
    lines += ["", "# Part-timers have fte 0.5 (max_duties 4) or 0.8 (max_duties 6).", "members:"]
    current = None
    for did, section, m in gen.members:
        if (did, section) != current:
            lines.append(f"  # --- {names[did]}: {section} ---")
            current = (did, section)
        lines.append(f"  - {flow(m)}")
    lines += ["", "# Per district: clinic physicians, visiting nurses and pharmacies (a narcotics-licensed",
              "# primary and a support pharmacy as backup); hospitals back up the whole city at night.",
              "pools:"]
    for did, dname, *_ in DISTRICTS:
        lines += [
            f"  - {{id: phys-{did}, name: {dname} 診療所医師, role: physician, district: {did}, "
            f"facility_kinds: [clinic], shifts: [night, holiday-day], primary: 1, backup: 1}}",
            f"  - {{id: nurse-{did}, name: {dname} 訪問看護, role: nurse, district: {did}, "
            f"facility_kinds: [nurse_station], shifts: [night, holiday-day], primary: 1, backup: 1}}",
            f"  - {{id: pharm-{did}, name: {dname} 薬局, role: pharmacist, district: {did}, "
            f"facility_kinds: [pharmacy], shifts: [night, holiday-day], primary: 1, backup: 1, "
            f"require: {{primary: [narcotics], backup: []}}}}",
        ]
    lines += [
        "  - {id: hospital, name: 市内病院 後方支援, role: physician, facility_kinds: [hospital], "
        "shifts: [night], primary: 1, backup: 0}",
        "",
        "rules:",
        "  max_duties: 8              # per member per month, primary and backup together",
        "  max_duties_per_day: 1",
        "  min_rest_days: 1",
        "  max_holiday_duties: 4      # saturday, sunday and holiday dates",
        "  backup_weight: 0.5",
        "  backup_other_facility: true",
        "",
        "# Weighted load carried over from earlier months (members above the average).",
        "history:",
    ]
    lines += [f"  {k}: {v}" for k, v in history.items()]
    lines += ["", "objective: {fairness: 100, requests: 1}", ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")


def main():
    gen = Generator()
    for district in DISTRICTS:
        gen.district(*district)
    write(gen, gen.history())


if __name__ == "__main__":
    main()

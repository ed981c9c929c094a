#!/usr/bin/env python3
"""Deterministic synthetic dossier for Dossier's benchmarks (Python 3 standard library only).

    python3 Benchmarks/generate.py --scale 1 --out .bench/scale-1

writes three views of the same Markdown:

    <out>/dossier/Content/   site.yml, articles/, entities/, annotations/  (Dossier's content format)
    <out>/hugo/              hugo.toml, content/, layouts/                 (the same bodies as a Hugo site)
    <out>/markdown/          articles.md, entities.md, annotations.md      (every body, concatenated: the cmark floor)
                             files.txt                                     (the Dossier files, one per line)

At scale 1: 1,000 articles of 8 paragraphs, 300 entities, 3,000 annotations, about 20 MB of Markdown;
scale N multiplies every count by N. The output bytes depend only on the scale (fixed seed, no
iteration over hashed sets, no clocks), so two runs produce identical trees.

The corpus keeps Dossier's rules by construction, and the generator checks them again before writing:
  * ids a0001, e001, n00001 (with more digits at larger scales) are unique and match [a-z0-9]+(-[a-z0-9]+)*;
  * every paragraph of an article carries a marker "البند <n>" (n unique within the article, Arabic-Indic
    digits) inside a stretch of plain words; each quote is a span of those words around the marker,
    so it occurs exactly once in the article's paragraphs;
  * entity names and aliases are invented words built from a syllable table; after Dossier's
    normalisation (أإآٱ→ا, ى→ي, ة→ه, marks removed) no proclitic form (و/ف then ب/ك/ل, ل+ال→لل) of an
    entity's first word equals a form of another entity's first word or any word of the filler text;
  * every [[id]] and every id in `entities:` exists.
"""

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import unicodedata

SEED = 20241204
GENERATOR_VERSION = "1"

# Size knobs at scale 1 (every count is multiplied by --scale).
ARTICLES = 1000
ENTITIES = 300
ANNOTATIONS = 3000
PARAGRAPHS = 8
# Tuned so that scale 1 is close to 20 MB of Markdown (front matter included).
PARAGRAPH_WORDS = (150, 190)
ANNOTATION_WORDS = (35, 80)
ENTITY_WORDS = (60, 110)

# --------------------------------------------------------------------------------------------
# Ordinary Arabic vocabulary for the running text. None of these may be, after normalisation,
# a proclitic form of an entity's first word; the generator checks it.

FILLER = """
أعلن قال أكد أشار أوضح اعتبر رأى كشف ذكر أفاد نقل أضاف لفت شدد دعا طالب رفض قبل وافق أبدى
الحكومة الوزارة البرلمان المجلس اللجنة الرئاسة الوفد الحزب الجيش القوات الشرطة المحكمة الدستور
القانون المعاهدة الاتفاقية الاتفاق المفاوضات المحادثات الزيارة القمة المؤتمر الاجتماع الجلسة
الدولة الدول البلدين الطرفين الجانبين الشعب المواطنين السكان المدينة العاصمة المنطقة الإقليم الحدود
الاقتصاد التجارة الاستثمار الصادرات الواردات الأسواق الأسعار النفط الغاز الطاقة الكهرباء المياه
الزراعة الصناعة النقل الموانئ المطارات السكك الطرق الجسور المشاريع التمويل الميزانية العجز الديون
الأمن الدفاع الحرب السلام الهدنة النزاع الصراع الأزمة التوتر التصعيد التهدئة الحوار التعاون الشراكة
التحالف العلاقات السياسة الدبلوماسية السفارة السفير الوزير الرئيس رئيس نائب المتحدث المسؤول المسؤولين
الخبراء المحللين الباحثين المراقبين الصحافة الإعلام التقرير التقارير الوثيقة الوثائق البيان البيانات
الأرقام الإحصاءات المؤشرات النتائج الأهداف الخطة الخطط البرنامج البرامج المرحلة المراحل الفترة
العام الأعوام الشهر الأشهر الأسبوع اليوم الأيام الماضي المقبل الحالي الجديد الجديدة القديم الأخير
الأولى الثانية الثالث الرابع الخامس الكبير الكبيرة الصغيرة الواسع الواسعة الشامل الشاملة الدولي
الدولية الإقليمي الإقليمية المحلي المحلية الوطني الوطنية الاستراتيجي الاستراتيجية العسكري العسكرية
السياسي السياسية الاقتصادي الاقتصادية الاجتماعي الاجتماعية الثقافي الثقافية التاريخي التاريخية
في من إلى على عن مع بين حول خلال بعد قبل منذ حتى عند لدى نحو ضد دون عبر وفق لكن بل ثم أو أم
أن إن كان كانت يكون تكون ليس لم لن قد لقد ما لا هذا هذه ذلك تلك الذي التي الذين هو هي هم نحن
كل بعض جميع عدة أكثر أقل أهم أبرز أيضاً كذلك غير مثل حيث كما إذ إذا لأن بسبب رغم بينما عندما
يرى يعتقد يقول يؤكد يشير يوضح يعتبر يمكن يجب ينبغي يبدو تبدو يعد تعد يتضمن تتضمن يشمل تشمل يهدف
تهدف يسعى تسعى يواجه تواجه يحتاج تحتاج يتطلب تتطلب يعكس تعكس يفتح تفتح يغلق يرفع ترفع يخفض تخفض
توقيع تنفيذ تطبيق تعزيز تطوير تحسين توسيع تقليص تخفيف تشديد مراجعة دراسة مناقشة معالجة متابعة
زيادة انخفاض ارتفاع تراجع نمو ركود تضخم استقرار تحول تغيير تغييرات إصلاح إصلاحات قرار قرارات
موقف مواقف رؤية رؤى مصلحة مصالح دور أدوار تأثير آثار نتيجة سبب أسباب عامل عوامل فرصة فرص تحدي تحديات
مسألة قضية قضايا ملف ملفات بند بنود مادة مواد نص نصوص فقرة إطار أساس مستوى مستويات حجم نطاق مدى
واضح واضحة كبير كبيرة جديد جديدة مهم مهمة ممكن محتمل مباشر مباشرة طويل طويلة قصير قصيرة عميق عميقة
بشكل بصورة بطريقة نسبياً تدريجياً سريعاً حالياً سابقاً لاحقاً عموماً خصوصاً تحديداً فعلاً أساساً
والحكومة والوزارة والبرلمان والمجلس والاقتصاد والتجارة والأمن والدفاع والسلام والتعاون والعلاقات
بالإضافة بالنسبة بالتالي بالفعل للحكومة للوزارة للبرلمان للمجلس للاقتصاد للتعاون وفي ومن وإلى وعلى
ومع وبين وخلال وبعد وقبل ومنذ ولكن وقد ولم ولا وهذا وهذه وذلك وتلك والتي والذي فإن فقد كما وكان وكانت
"""

FILLER_WORDS = FILLER.split()

HEADING_WORDS = """
تحولات خلفيات سياق مواقف ردود أبعاد حسابات رهانات مخاطر آفاق قراءة تقييم ملاحظات خلاصة مستقبل
الموقف الخلفية التحديات الفرص الأرقام الحسابات المعادلة التوازن المسار الطريق المشهد الصورة
""".split()

SOURCES = ["«صحيفة المساء»", "«وكالة الأنباء الدولية»", "«مجلة الشؤون الخارجية»", "«مركز الدراسات الاستراتيجية»",
           "«نشرة الاقتصاد»", "«صحيفة الأخبار»", "«مجلة السياسة الدولية»", "«معهد البحوث»"]

# Syllables for invented names: (Arabic, Latin). Consonant + vowel, optionally a closing consonant.
CONSONANTS = [("ز", "z"), ("ط", "t"), ("ق", "q"), ("غ", "gh"), ("ث", "th"), ("ذ", "dh"), ("خ", "kh"), ("ش", "sh"),
              ("ص", "s"), ("ض", "d"), ("ظ", "z"), ("ج", "j"), ("ت", "t"), ("د", "d"), ("ر", "r"), ("س", "s"),
              ("م", "m"), ("ن", "n"), ("ح", "h")]
VOWELS = [("ا", "a"), ("و", "u"), ("ي", "i"), ("", "e")]
CODAS = [("", ""), ("", ""), ("", ""), ("ن", "n"), ("ر", "r"), ("ش", "sh"), ("ز", "z")]
ENDINGS = {  # a touch of what normalisation folds: ة→ه, ى→ي, and names that open with أ or إ
    "country": [("يا", "ia"), ("ستان", "stan"), ("انة", "ana")],
    "place": [("", ""), ("ى", "a"), ("ة", "a")],
}
FIRST_SYLLABLES = [("أو", "O"), ("إي", "I"), ("أر", "Ar")]

ENTITY_KINDS = ["person", "country", "organization", "place", "treaty", "event", "concept"]
ANNOTATION_KINDS = ["context", "analysis", "fact-check", "definition"]
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# --------------------------------------------------------------------------------------------
# Dossier's matching rules, mirrored (Sources/ArabicText).

_FOLD = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
         "\u0649": "\u064A", "\u0629": "\u0647"}


def _deleted(c):
    v = ord(c)
    return (0x200B <= v <= 0x200F or 0x202A <= v <= 0x202E or 0x2066 <= v <= 0x2069 or v in (0x061C, 0xFEFF)
            or 0x0610 <= v <= 0x061A or 0x064B <= v <= 0x065F or v == 0x0670 or 0x06D6 <= v <= 0x06ED or v == 0x0640)


def normalize(text):
    out = []
    for c in text:
        forms = c if (ord(c) < 0x80 or 0x0600 <= ord(c) <= 0x06FF) else unicodedata.normalize("NFKC", c)
        for s in forms:
            if _deleted(s):
                continue
            s = _FOLD.get(s, s)
            if 0x0660 <= ord(s) <= 0x0669:
                s = chr(ord(s) - 0x0660 + 0x30)
            elif "A" <= s <= "Z":
                s = s.lower()
            out.append(s)
    return "".join(out)


def words(text):
    """Dossier's tokeniser on normalised text: letters and digits make words."""
    result, current = [], []
    for c in normalize(text):
        if c.isalpha() or c.isdigit() or unicodedata.numeric(c, None) is not None:
            current.append(c)
        elif current:
            result.append("".join(current))
            current = []
    if current:
        result.append("".join(current))
    return result


def proclitic_variants(word):
    """Every form of a normalised word with its proclitics (Proclitics.variants)."""
    if not ("\u0600" <= word[:1] <= "\u06FF"):
        return [word]
    has_article = word.startswith("ال") and len(word) > 2
    result = []
    for conj in ("", "و", "ف"):
        for prep in ("", "ب", "ك", "ل"):
            if has_article and prep == "ل":
                result.append(conj + "ل" + word[1:])
            else:
                result.append(conj + prep + word)
    return result


def with_proclitic(name, clitic):
    """How a text writes `clitic` + name: ل before ال gives لل."""
    if clitic.endswith("ل") and name.startswith("ال"):
        return clitic[:-1] + "ل" + name[1:]
    return clitic + name


# --------------------------------------------------------------------------------------------


class Entity:
    def __init__(self, eid, kind, name, name_en, aliases):
        self.id = eid
        self.kind = kind
        self.name = name
        self.name_en = name_en
        self.aliases = aliases
        self.forms = [name] + [a for a in aliases if a != name]  # what the text writes
        self.uses = 0


class Generator:
    def __init__(self, scale):
        self.scale = scale
        self.rng = random.Random(SEED * 10 + scale)
        self.n_articles = ARTICLES * scale
        self.n_entities = ENTITIES * scale
        self.n_annotations = ANNOTATIONS * scale
        w = max(4, len(str(self.n_articles)))
        self.article_ids = ["a%0*d" % (w, i + 1) for i in range(self.n_articles)]
        w = max(3, len(str(self.n_entities)))
        self.entity_ids = ["e%0*d" % (w, i + 1) for i in range(self.n_entities)]
        w = max(5, len(str(self.n_annotations)))
        self.annotation_ids = ["n%0*d" % (w, i + 1) for i in range(self.n_annotations)]
        # Every token the running text may contain, normalised, that must never start a name.
        self.reserved = set()
        for text in FILLER_WORDS + HEADING_WORDS + SOURCES + ["البند"]:
            self.reserved.update(words(text))
        self.taken_variants = set()  # normalised proclitic forms of every name's first word so far
        self.taken_keys = set()

    # ---- names

    def invented_word(self, syllables, kind=None):
        rng = self.rng
        ar, la = [], []
        for k in range(syllables):
            if k == 0 and rng.random() < 0.12:
                a, l = rng.choice(FIRST_SYLLABLES)
            else:
                c, v, d = rng.choice(CONSONANTS), rng.choice(VOWELS), rng.choice(CODAS)
                a, l = c[0] + v[0] + d[0], c[1] + v[1] + d[1]
            ar.append(a)
            la.append(l)
        if kind in ENDINGS:
            a, l = rng.choice(ENDINGS[kind])
            ar.append(a)
            la.append(l)
        return "".join(ar), "".join(la).capitalize()

    def claim(self, word):
        """Reserves a name's first word if all its proclitic forms are free; False otherwise."""
        ws = words(word)
        if len(ws) != 1 or len(ws[0]) < 4:
            return False
        variants = proclitic_variants(ws[0])
        if any(v in self.reserved or v in self.taken_variants for v in variants):
            return False
        # Its bare form must not be some existing form minus a proclitic either (checked symmetrically
        # because every existing first word put all its variants into taken_variants, and this word's
        # variants are checked against them above).
        self.taken_variants.update(variants)
        return True

    def fresh_word(self, syllables, kind=None, article=False):
        for _ in range(1000):
            ar, la = self.invented_word(syllables, kind)
            if article:
                ar, la = "ال" + ar, "Al-" + la
            if self.claim(ar):
                return ar, la
        raise SystemExit("generate.py: could not find a free invented name")

    def make_entities(self):
        entities = []
        for i, eid in enumerate(self.entity_ids):
            kind = ENTITY_KINDS[i % len(ENTITY_KINDS)]
            rng = self.rng
            if kind == "person":
                g, gl = self.fresh_word(2)
                f, fl = self.fresh_word(rng.choice((2, 3)))
                name, name_en = g + " " + f, gl + " " + fl
                aliases = [f]
                if rng.random() < 0.4:
                    aliases.append(name)  # editors often repeat the name; Dossier accepts it
            elif kind in ("country", "place"):
                w, wl = self.fresh_word(rng.choice((2, 3)), kind)
                name, name_en = w, wl
                a, al = self.fresh_word(2, kind)
                aliases = [a]
            elif kind == "organization":
                w, wl = self.fresh_word(2)
                v, vl = self.fresh_word(2)
                name, name_en = w + " " + v, wl + " " + vl
                a, al = self.fresh_word(3, article=True)
                aliases = [a, w]
            elif kind == "concept":
                w, wl = self.fresh_word(3, article=True)
                name, name_en = w, wl
                a, al = self.fresh_word(3)
                aliases = [a]
            else:  # treaty, event
                w, wl = self.fresh_word(2)
                v, vl = self.fresh_word(2)
                name, name_en = w + " " + v, wl + " " + vl
                aliases = [w] if rng.random() < 0.5 else [w, v]
            for phrase in [name] + aliases:
                key = " ".join(words(phrase))
                assert len("".join(words(phrase))) >= 3, phrase
                if phrase != name:
                    assert key not in self.taken_keys, phrase
                self.taken_keys.add(key)
            entities.append(Entity(eid, kind, name, name_en, aliases))
        return entities

    # ---- text

    def filler(self, n):
        return [self.rng.choice(FILLER_WORDS) for _ in range(n)]

    def sentences(self, n_words):
        """Filler words cut into sentences: '،' inside, '.' at the end of each."""
        rng = self.rng
        tokens = self.filler(n_words)
        out = []
        left = rng.randint(10, 22)
        for k, t in enumerate(tokens):
            left -= 1
            if left == 0 or k == len(tokens) - 1:
                t += "."
                left = rng.randint(10, 22)
            elif rng.random() < 0.06:
                t += "،"
            out.append(t)
        return out

    def mention(self, e, allow_clitic=True):
        """One written mention of e: name or alias in turn, sometimes with و/ب/ل attached."""
        form = e.forms[e.uses % len(e.forms)]
        e.uses += 1
        if allow_clitic:
            r = self.rng.random()
            if r < 0.12:
                form = with_proclitic(form, "و")
            elif r < 0.20:
                form = with_proclitic(form, "ب")
            elif r < 0.26:
                form = with_proclitic(form, "ل")
            elif r < 0.28:
                form = with_proclitic(form, "وب")
        return form

    def paragraph(self, marker, cast, wiki_link=None, bold=False):
        """One article paragraph as a line; returns (text, plain quote-safe span, mentioned ids)."""
        rng = self.rng
        tokens = self.sentences(rng.randint(*PARAGRAPH_WORDS))
        # Entity mentions replace words at random places (never touching the marker zone below).
        n = len(tokens)
        zone_at = rng.randint(n // 4, (3 * n) // 4)
        zone = range(zone_at - 7, zone_at + 9)
        mentioned = []
        for e in rng.sample(cast, min(len(cast), rng.randint(3, 5))):
            for _ in range(rng.choice((1, 1, 2))):
                k = rng.randrange(n)
                if k in zone:
                    k = (zone_at + 12 + rng.randrange(max(1, n - zone_at - 12))) % n
                tail = tokens[k][-1] if tokens[k][-1] in ".،" else ""
                tokens[k] = self.mention(e) + tail
                mentioned.append(e.id)
        # The marker that makes the quote unique in the article, inside plain words.
        tokens.insert(zone_at, "البند " + marker)
        safe = (zone_at - 6, zone_at + 8)
        # Some Markdown outside the safe zone: a bold pair of words, an [[id]] link.
        outside = [k for k in range(len(tokens) - 1) if k + 1 < safe[0] or k > safe[1]]
        if bold and outside:
            k = rng.choice(outside)
            a, b = tokens[k], tokens[k + 1]
            if a[-1] not in ".،" and b[-1] not in ".،":
                tokens[k], tokens[k + 1] = "**" + a, b + "**"
                outside = [j for j in outside if j not in (k, k + 1)]
        if wiki_link and outside:
            k = rng.choice(outside)
            tail = tokens[k][-1] if tokens[k][-1] in ".،" else ""
            clitic = "و" if rng.random() < 0.3 else ""
            tokens[k] = clitic + "[[" + wiki_link.id + "]]" + tail
            mentioned.append(wiki_link.id)
        return tokens, safe, mentioned

    def quote_from(self, tokens, safe):
        rng = self.rng
        lo, hi = safe
        marker = next(k for k in range(lo, hi) if tokens[k].startswith("البند "))
        start = rng.randint(max(lo, marker - 4), marker - 1)
        end = rng.randint(marker + 2, min(hi, marker + 5))
        return " ".join(tokens[start:end])

    # ---- the site

    def build(self):
        rng = self.rng
        entities = self.make_entities()
        by_id = {e.id: e for e in entities}

        # How many annotations each article gets (0..6, mean 3), then which paragraphs they quote.
        counts = [self.n_annotations // self.n_articles] * self.n_articles
        for k in range(self.n_annotations - sum(counts)):
            counts[k % self.n_articles] += 1
        for _ in range(self.n_articles // 2):
            a, b = rng.randrange(self.n_articles), rng.randrange(self.n_articles)
            if a != b and counts[a] < 6 and counts[b] > 0:
                counts[a] += 1
                counts[b] -= 1

        # Casts: every entity appears in several articles (a shuffled cycle keeps coverage even).
        cycle = []
        articles, bodies_by_article, quotes = [], {}, []
        next_annotation = 0
        for i, aid in enumerate(self.article_ids):
            cast = []
            while len(cast) < 8:
                if not cycle:
                    cycle = list(entities)
                    rng.shuffle(cycle)
                e = cycle.pop()
                if e not in cast:
                    cast.append(e)
            title_words = self.filler(rng.randint(5, 9))
            title = " ".join(title_words[:2] + [self.mention(cast[0], allow_clitic=False)] + title_words[2:])
            lines, paragraphs, mentioned_all = [], [], []
            markers = ["%s" % str(p + 1).translate(ARABIC_DIGITS) for p in range(PARAGRAPHS)]
            link_at = rng.randrange(PARAGRAPHS)
            bold_at = rng.randrange(PARAGRAPHS)
            for p in range(PARAGRAPHS):
                if p in (3, 6):
                    lines.append("## " + " ".join(rng.sample(HEADING_WORDS, rng.randint(2, 4))))
                    lines.append("")
                wiki = rng.choice(cast) if p == link_at else None
                tokens, safe, mentioned = self.paragraph(markers[p], cast, wiki_link=wiki, bold=(p == bold_at))
                lines.append(" ".join(tokens))
                lines.append("")
                paragraphs.append((tokens, safe, mentioned))
                mentioned_all += mentioned
            body = "\n".join(lines)
            for m in markers:
                assert body.count("البند " + m + " ") == 1, (aid, m)
            chosen = sorted(rng.sample(range(PARAGRAPHS), counts[i]))
            for p in chosen:
                tokens, safe, mentioned = paragraphs[p]
                quote = self.quote_from(tokens, safe)
                assert body.count(quote) == 1 and "*" not in quote and "[" not in quote, (aid, quote)
                ids = []
                for m in mentioned:
                    if m not in ids:
                        ids.append(m)
                quotes.append((self.annotation_ids[next_annotation], aid, quote, ids[:3]))
                next_annotation += 1
            articles.append((aid, title, rng.choice(SOURCES), sorted(set(mentioned_all)), body))
        assert next_annotation == self.n_annotations

        annotations = []
        for k, (nid, aid, quote, ids) in enumerate(quotes):
            kind = ANNOTATION_KINDS[k % len(ANNOTATION_KINDS)]
            extra = by_id[self.entity_ids[rng.randrange(self.n_entities)]]
            linked = [by_id[x] for x in ids] + ([extra] if extra.id not in ids else [])
            paragraphs = []
            for _ in range(rng.choice((1, 1, 2))):
                tokens = self.sentences(rng.randint(*ANNOTATION_WORDS))
                paragraphs.append(tokens)
            # [[id]], و[[id]] and [[id|alias]] links to the concerned entities, plus one plain mention.
            for j, e in enumerate(linked):
                tokens = paragraphs[j % len(paragraphs)]
                k2 = rng.randrange(len(tokens))
                tail = tokens[k2][-1] if tokens[k2][-1] in ".،" else ""
                if j % 3 == 1:
                    link = "و[[" + e.id + "]]"
                elif j % 3 == 2 and len(e.forms) > 1:
                    link = "[[" + e.id + "|" + e.forms[1] + "]]"
                else:
                    link = "[[" + e.id + "]]"
                tokens[k2] = link + tail
            tokens = paragraphs[-1]
            k2 = rng.randrange(len(tokens))
            tail = tokens[k2][-1] if tokens[k2][-1] in ".،" else ""
            tokens[k2] = self.mention(by_id[self.entity_ids[rng.randrange(self.n_entities)]]) + tail
            body = "\n\n".join(" ".join(t) for t in paragraphs) + "\n"
            entity_ids = [by_id[x].id for x in ids] or [extra.id]
            annotations.append((nid, quote, aid, entity_ids, kind, body))

        entity_files = []
        for e in entities:
            others = rng.sample([x for x in entities if x is not e], rng.randint(2, 3))
            tokens = self.sentences(rng.randint(*ENTITY_WORDS))
            tokens[0:0] = [e.name]
            for j, o in enumerate(others):
                k2 = rng.randrange(1, len(tokens))
                tail = tokens[k2][-1] if tokens[k2][-1] in ".،" else ""
                tokens[k2] = ("و" if j == 1 else "") + "[[" + o.id + "]]" + tail
            summary = " ".join(self.sentences(rng.randint(12, 20)))
            entity_files.append((e, summary, " ".join(tokens) + "\n"))
        return articles, entity_files, annotations, by_id


# --------------------------------------------------------------------------------------------
# Writing


def q(s):
    """A double-quoted YAML / TOML string (JSON escapes are valid in both)."""
    return json.dumps(s, ensure_ascii=False)


class Writer:
    def __init__(self):
        self.total = 0

    def write(self, path, text):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        return len(data)


SITE_TITLE = "ملف تجريبي: قياس أداء Dossier"
SITE_SUBTITLE = "ملف مولّد آلياً بمقالات وكيانات وتعليقات لقياس سرعة البناء"

HUGO_CONFIG = """baseURL = "https://example.org/"
title = {title}
languageCode = "ar"
defaultContentLanguage = "ar"
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false

[languages.ar]
  languageName = "العربية"
  languageDirection = "rtl"
  weight = 1

[taxonomies]
  entity = "entities"

[markup.goldmark.renderer]
  unsafe = false
"""

HUGO_LAYOUTS = {
    "baseof.html": """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>{{ .Title }} | {{ .Site.Title }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
""",
    "single.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ with .GetTerms "entities" }}<nav class="entities"><ul>
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}</ul></nav>{{ end }}
</article>
{{ end }}
""",
    "list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}</ul>
{{ end }}
""",
    "terms.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ .Content }}
<h2>الصفحات</h2>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}</ul>
</article>
{{ end }}
""",
}


def write_all(out, scale):
    gen = Generator(scale)
    articles, entity_files, annotations, by_id = gen.build()

    for sub in ("dossier", "hugo", "markdown"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    w = Writer()
    content = os.path.join(out, "dossier", "Content")
    hugo = os.path.join(out, "hugo")
    total = 0
    bodies = {"articles": [], "entities": [], "annotations": []}
    files = []

    total += w.write(os.path.join(content, "site.yml"),
                     "title: %s\nsubtitle: %s\nlanguage: ar\n" % (q(SITE_TITLE), q(SITE_SUBTITLE)))
    w.write(os.path.join(hugo, "hugo.toml"), HUGO_CONFIG.format(title=q(SITE_TITLE)))
    for name, text in HUGO_LAYOUTS.items():
        w.write(os.path.join(hugo, "layouts", "_default", name), text)
    w.write(os.path.join(hugo, "content", "_index.md"), "+++\ntitle = %s\n+++\n" % q(SITE_TITLE))
    w.write(os.path.join(hugo, "content", "articles", "_index.md"), "+++\ntitle = \"المقالات\"\n+++\n")
    w.write(os.path.join(hugo, "content", "annotations", "_index.md"), "+++\ntitle = \"التعليقات\"\n+++\n")
    w.write(os.path.join(hugo, "content", "entities", "_index.md"), "+++\ntitle = \"الكيانات\"\n+++\n")

    for aid, title, source, mentioned, body in articles:
        path = os.path.join(content, "articles", aid + ".md")
        total += w.write(path, "---\ntitle: %s\nsource: %s\n---\n\n%s" % (q(title), q(source), body))
        w.write(os.path.join(hugo, "content", "articles", aid + ".md"),
                "+++\ntitle = %s\nsource = %s\nentities = [%s]\n+++\n\n%s"
                % (q(title), q(source), ", ".join(q(m) for m in mentioned), body))
        bodies["articles"].append(body)
        files.append(path)

    for e, summary, body in entity_files:
        path = os.path.join(content, "entities", e.id + ".md")
        fm = ["---", "name: " + q(e.name), "kind: " + e.kind, "aliases:"]
        fm += ["  - " + q(a) for a in e.aliases]
        fm += ["name_en: " + q(e.name_en), "summary: " + q(summary), "---", ""]
        total += w.write(path, "\n".join(fm) + "\n" + body)
        w.write(os.path.join(hugo, "content", "entities", e.id, "_index.md"),
                "+++\ntitle = %s\nsummary = %s\n+++\n\n%s" % (q(e.name), q(summary), body))
        bodies["entities"].append(body)
        files.append(path)

    for nid, quote, aid, entity_ids, kind, body in annotations:
        path = os.path.join(content, "annotations", nid + ".md")
        total += w.write(path, "---\nquote: %s\narticle: %s\nentities: [%s]\nkind: %s\n---\n\n%s"
                         % (q(quote), aid, ", ".join(entity_ids), kind, body))
        w.write(os.path.join(hugo, "content", "annotations", nid + ".md"),
                "+++\ntitle = %s\nentities = [%s]\n+++\n\n%s"
                % (q(quote), ", ".join(q(x) for x in entity_ids), body))
        bodies["annotations"].append(body)
        files.append(path)

    body_bytes = 0
    for kind, texts in bodies.items():
        body_bytes += w.write(os.path.join(out, "markdown", kind + ".md"), "\n\n".join(texts) + "\n\n")
    w.write(os.path.join(out, "markdown", "files.txt"), "\n".join(os.path.abspath(f) for f in files) + "\n")
    return total, body_bytes, len(articles), len(entity_files), len(annotations)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=1, help="size factor: 1 = 1,000 articles, ~20 MB")
    parser.add_argument("--out", "--output", dest="out", required=True, help="output folder")
    parser.add_argument("--force", action="store_true",
                        help="regenerate even when <out>/STAMP says this generator already wrote this scale there")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    with open(os.path.abspath(__file__), "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    stamp = "generator %s %s scale %d\n" % (GENERATOR_VERSION, digest, args.scale)
    stamp_path = os.path.join(args.out, "STAMP")
    if not args.force and os.path.exists(stamp_path) and all(
            os.path.isdir(os.path.join(args.out, sub)) for sub in ("dossier", "hugo", "markdown")):
        with open(stamp_path) as f:
            if f.read() == stamp:
                if not args.quiet:
                    print("scale %d: up to date in %s" % (args.scale, args.out))
                return
    if os.path.exists(stamp_path):
        os.remove(stamp_path)
    total, body_bytes, na, ne, nn = write_all(args.out, args.scale)
    with open(stamp_path, "w") as f:
        f.write(stamp)
    if not args.quiet:
        print("scale %d: %d articles, %d entities, %d annotations; %.1f MB of content (%.1f MB of Markdown bodies) in %s"
              % (args.scale, na, ne, nn, total / 1e6, body_bytes / 1e6, args.out))


if __name__ == "__main__":
    main()

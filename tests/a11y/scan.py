"""What the accessibility and language tests share: the pages, axe-core run in the page, the text a reader
sees, and what each language may borrow from the other (a short, explicit list).

axe-core is the npm package pinned in tests/a11y/package.json and installed by `make a11y-deps` (`npm ci`);
its axe.min.js is injected into the page as the dashboard is served."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.ingest.contracts import DATASETS
from metrics.settings import PROJECT_ROOT
from tests.e2e.server import settled

AXE_JS = PROJECT_ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0–2.2 A and AA: the success criteria KWCAG 2.2 (한국형 웹 콘텐츠 접근성 지침) maps onto.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("critical", "serious")

# Every page a reader can open without a login, by url_path ("" is the overview at the root address).
PUBLIC_PAGES = (
    "",
    "strategies",
    "kpi",
    "agencies",
    "complaints",
    "participation",
    "meetings",
    "rewards",
    "upload",
    "submissions",
    "reports",
    "admin",
    "alerts",
    "login",
)
# The pages an agency officer sees differently from the administrator (forms and uploaders of their own).
OFFICER_PAGES = ("strategies", "kpi", "agencies", "upload", "submissions", "alerts")

# --- What a page in English may show in Hangul -------------------------------------------------------
# The language switch names Korean in Korean; file names are as agencies named their files (user text); the
# upload guide lists the headers and values a file must hold, verbatim (the contract's Korean headers and
# allowed values: an English reader must type them so).
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_COLUMNS = [c for ds in DATASETS.values() for c in ds.columns]
_FILE_WORDS = sorted({c.header_ko for c in _COLUMNS} | {v for c in _COLUMNS for v in c.choices}, key=len, reverse=True)
EN_ALLOWED = (
    re.compile(r"한국어"),
    re.compile(r"[^\s/\\]+\.(?:csv|xlsx|txt|zip|pdf|hwpx)\b", re.IGNORECASE),
    re.compile(r"(?<![\uac00-\ud7a3])(?:" + "|".join(map(re.escape, _FILE_WORDS)) + r")(?![\uac00-\ud7a3])"),
)

# --- What a page in Korean may show in Latin letters ---------------------------------------------------
# KPI and task codes, file formats and units, time zone and hash names, product names, the language switch,
# snapshot ids, account names and file names (user text).
KO_ALLOWED = (
    re.compile(r"(?<![A-Za-z])S\d(?:-T\d+)?(?:-K\d+)?(?![A-Za-z0-9])"),
    re.compile(
        r"(?<![A-Za-z])(?:CSV|XLSX|TXT|PDF|PPTX|HWPX|ZIP|KST|UTC|SHA-256|AI|KPI|MB|KB|ID|URL|"
        r"PNG|English|govdash|Streamlit|e-mail|SSO)(?![A-Za-z])"
    ),
    re.compile(r"%p?"),
    re.compile(r"\b\d{8}T\d{6}-[0-9a-f]+\b"),
    re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{12,64}(?![0-9A-Za-z])"),  # SHA-256 digests as the pages shorten them
    re.compile(r"[^\s/\\]+\.(?:csv|xlsx|txt|zip|pdf|hwpx)\b", re.IGNORECASE),
    re.compile(r"\b(?:demo|admin)-[\w-]+\b"),
    # the upload guide's English column names, each a cell of its own: a file may be headed with them
    re.compile(r"^(?:" + "|".join(sorted({c.name for c in _COLUMNS})) + r")$"),
)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

# The text a reader meets: visible text nodes and the names of images and labelled regions; icon ligatures
# (Material icon names) and aria-hidden parts are not read, so they are skipped.
VISIBLE_TEXT_JS = """() => {
  const out = [];
  const skip = (el) => el.closest('[aria-hidden="true"], [data-testid="stIconMaterial"], script, style, noscript');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || skip(el) || !node.textContent.trim()) continue;
    out.push(node.textContent.trim());
  }
  document.querySelectorAll('[aria-label], img[alt], [title], [aria-valuetext]').forEach((el) => {
    if (skip(el)) return;
    for (const a of ['aria-label', 'alt', 'title', 'aria-valuetext']) {
      if (el.getAttribute(a)) out.push(el.getAttribute(a).trim());
    }
  });
  return out;
}"""

AXE_RUN_JS = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.html.slice(0, 160) + ' — ' + (n.failureSummary || '').slice(0, 200)),
  }));
}"""


QUIET_MS = 1500
QUIET_JS = """(quietMs) => {
  const busy = document.querySelector('[data-stale="true"], [data-testid="stStatusWidget"]');
  const now = performance.now();
  if (busy) { window.gdIdleSince = null; return false; }
  window.gdIdleSince = window.gdIdleSince || now;
  return now - window.gdIdleSince >= quietMs;
}"""


@dataclass
class Visit:
    """What one page showed: axe's violations, the texts a reader meets, the <html lang>."""

    violations: list[dict[str, object]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    lang: str = ""


def page_ready(page, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The run has settled and the dashboard's own script has set <html lang> to the page's language."""
    settled(page)
    page.wait_for_function("(lang) => document.documentElement.lang === lang", arg=lang)
    # A run the first one starts (the URL's filters written back) fades the page's elements while it runs:
    # scan only once no element has been stale and no run has been going on for QUIET_MS.
    page.wait_for_function(QUIET_JS, arg=QUIET_MS, polling=100)


def examine(page) -> Visit:  # type: ignore[no-untyped-def]
    """Run axe-core in the page as it stands, and collect what it says."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    violations = page.evaluate(AXE_RUN_JS, AXE_TAGS)
    return Visit(
        violations=violations,
        texts=page.evaluate(VISIBLE_TEXT_JS),
        lang=page.evaluate("() => document.documentElement.lang"),
    )


def blocking(visit: Visit) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])  # type: ignore[arg-type]
        for v in visit.violations
        if v["impact"] in BLOCKING
    ]


def other_language(texts: list[str], lang: str) -> list[str]:
    """The texts that hold a word of the other language once the allowed forms are taken out."""
    found = []
    for text in texts:
        rest = text
        for allowed in EN_ALLOWED if lang == "en" else KO_ALLOWED:
            rest = allowed.sub(" ", rest)
        if (HANGUL.search(rest) if lang == "en" else LATIN_WORD.search(rest)) is not None:
            found.append(text)
    return sorted(set(found))

"""End to end in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright), in Finnish
and in Swedish: choose the category, fill a statement, see what is missing and a wrong value next
to its field, preview and PDF disabled until the draft is complete and enabled after, restart the
server, find the draft, preview it and download the PDF. axe-core (bundled by the PyPI package
axe-playwright-python) checks every page: no serious or critical violation.

Skipped with the reason when the browser, Playwright or axe is not available. With
TOTUDOCS_SCREENSHOTS=folder, screenshots of every page at 1280×900 and 1366×768 are left there.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [pytest.mark.slow, pytest.mark.browser]

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None
try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # pragma: no cover - depends on the machine
    Axe = None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, data_dir: Path) -> None:
        self.port = _free_port()
        self.data_dir = data_dir
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = dict(os.environ, TOTUDOCS_DATA_DIR=str(self.data_dir))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "totudocs", "serve", "--port", str(self.port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=20)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[Server]:
    server = Server(tmp_path / "data")
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def browser():
    if sync_playwright is None:
        pytest.skip("playwright is not installed (pip install playwright)")
    if not os.path.exists(CHROMIUM):
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture()
def axe():
    if Axe is None:
        pytest.skip("axe-playwright-python is not installed (pip install axe-playwright-python)")
    return Axe()


def check_accessibility(axe, page, where: str) -> None:
    """axe-core on the page as it is now, frames included: no serious or critical violation."""
    for frame in page.frames[1:]:  # the preview's statement: axe must run inside it too
        frame.evaluate(axe.axe_script)
    violations = axe.run(page).response["violations"]
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v.get("impact") in ("serious", "critical")
    ]
    assert bad == [], f"{where}: {bad}"


class Shots:
    """Screenshots for a person to look at, at a desktop's and a laptop's size."""

    SIZES = ((1280, 900), (1366, 768))

    def __init__(self, folder: str | None, language: str) -> None:
        self.folder = Path(folder) if folder else None
        self.language = language

    def take(self, page, name: str) -> None:
        if not self.folder:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        for width, height in self.SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=str(self.folder / f"{self.language}-{width}x{height}-{name}.png"))
        page.set_viewport_size({"width": 1280, "height": 900})


WORDS = {
    "fi": {"locale": "fi-FI", "start": "Aloita uusi lausunto", "missing_need": "Kerro, mitä asiakas tarvitsee ja miksi.",
           "why": "Esikatselu ja PDF avautuvat, kun mitään ei enää puutu.", "hetu_error": "Tarkistusmerkki",
           "complete": "Mitään ei puutu", "back": "Takaisin lomakkeeseen", "title": "Lausunto Kelalle"},
    "sv": {"locale": "sv-FI", "start": "Börja ett nytt utlåtande", "missing_need": "Berätta vad klienten behöver och varför.",
           "why": "Förhandsgranskning och PDF öppnas när inget längre saknas.", "hetu_error": "Kontrolltecknet",
           "complete": "Inget saknas", "back": "Tillbaka till formuläret", "title": "Utlåtande till FPA"},
}
TEXT = {
    "fi": {"#f-circumstances": "Mikko asuu yksin vuokra-asunnossa, jonka vuokra on 820 € kuukaudessa.",
           "#f-grounds": "Ehdotan, että Kela hyväksyy muuttokustannukset 350 €.",
           "need": "Mikko tarvitsee halvemman asunnon. Muutto maksaa 350 euroa."},
    "sv": {"#f-circumstances": "Mikko bor ensam i en hyresbostad, hyran är 820 € i månaden.",
           "#f-grounds": "Jag föreslår att FPA godkänner flyttkostnaderna 350 €.",
           "need": "Mikko behöver en billigare bostad. Flytten kostar 350 euro."},
}
DATES = {"fi": ("1.12.2026", "31.12.2026", "20.11.2026"), "sv": ("2026-12-01", "2026-12-31", "2026-11-20")}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_draft_a_statement_in_the_browser(server: Server, browser, axe, tmp_path: Path,
                                          language: str) -> None:
    words, text = WORDS[language], TEXT[language]
    start, end, heard = DATES[language]
    shots = Shots(os.environ.get("TOTUDOCS_SCREENSHOTS"), language)
    context = browser.new_context(locale=words["locale"], accept_downloads=True,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()

    # The index: the category first, each explained.
    page.goto(server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("#c-other_basic_expenses-d")).to_be_visible()
    check_accessibility(axe, page, "index")
    shots.take(page, "1-index")
    page.check("#c-other_basic_expenses")
    page.check(f"#l-{language}")
    page.get_by_role("button", name=words["start"]).click()
    page.wait_for_url("**/drafts/*")
    draft_url = page.url
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_contain_text(words["title"])

    # Empty: preview and PDF are disabled, and the page says why.
    expect(page.locator("#preview")).to_be_disabled()
    expect(page.locator("#pdf")).to_be_disabled()
    expect(page.locator("#why-disabled")).to_have_text(words["why"])
    check_accessibility(axe, page, "form (empty)")
    shots.take(page, "2-form-empty")

    # Partly filled, with a wrong check character: the message is next to the field.
    page.fill("#f-client\\.name", "Mikko Virtanen")
    page.fill("#f-client\\.hetu", "120487-934K")
    page.fill("#f-expense_type", "Muuttokustannukset")
    for selector in ("#f-circumstances", "#f-grounds"):
        page.fill(selector, text[selector])
    page.fill("#f-period\\.start", start)
    page.fill("#f-period\\.end", end)
    error = page.locator("#e-client\\.hetu")
    expect(error).to_contain_text(words["hetu_error"], timeout=15_000)
    expect(page.locator("#f-client\\.hetu")).to_have_attribute("aria-invalid", "true")
    missing = page.locator('#panel li[data-field="individual_need"]')
    expect(missing).to_have_text(words["missing_need"])
    expect(page.locator("#preview")).to_be_disabled()
    check_accessibility(axe, page, "form (partly filled)")
    shots.take(page, "3-form-partly")
    missing.locator("a").click()  # the list links to the field
    expect(page.locator("#f-individual_need")).to_be_focused()

    # Not ready: asking for the preview anyway explains what is missing, in the same language.
    page.goto(draft_url + "/preview")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator('li[data-field="individual_need"]')).to_have_text(words["missing_need"])
    check_accessibility(axe, page, "not ready")
    shots.take(page, "4-not-ready")
    page.goto(draft_url)

    # Complete: the error and the missing items go, preview and PDF are enabled.
    page.fill("#f-client\\.hetu", "120487-934J")
    page.fill("#f-individual_need", text["need"])
    page.fill("#f-heard_date", heard)
    page.fill("#f-author\\.name", "Laura Niemi")
    page.fill("#f-author\\.title", "sosiaalityöntekijä")
    page.fill("#f-organiser\\.name", "Pirkanmaan hyvinvointialue")
    page.check("#f-client_heard")
    page.check("#f-client_informed")
    expect(page.locator('#panel [data-status="complete"]')).to_contain_text(words["complete"],
                                                                            timeout=15_000)
    expect(error).to_be_hidden()
    expect(page.locator("#preview")).to_be_enabled()
    expect(page.locator("#pdf")).to_be_enabled()
    expect(page.locator("#why-disabled")).to_have_count(0)
    check_accessibility(axe, page, "form (complete)")
    shots.take(page, "5-form-complete")

    server.stop()
    server.start()  # the draft survives a server restart
    page.goto(draft_url)
    expect(page.locator("#f-individual_need")).to_have_value(text["need"])
    expect(page.locator("#f-period\\.start")).to_have_value(start)  # in the page's date format

    page.locator("#preview").click()
    page.wait_for_url("**/preview")
    expect(page.locator("html")).to_have_attribute("lang", language)
    document = page.frame_locator("iframe.document")
    expect(document.locator("body")).to_contain_text(text["need"])
    check_accessibility(axe, page, "preview")
    shots.take(page, "6-preview")
    page.goto(draft_url + "/document")  # the statement itself, in its own language
    expect(page.locator("html")).to_have_attribute("lang", language)
    check_accessibility(axe, page, "the statement")
    page.go_back()

    with page.expect_download() as download:
        page.click("#pdf")
    target = tmp_path / "statement.pdf"
    download.value.save_as(target)
    pdf_text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert text["need"] in pdf_text and "Mikko Virtanen" in pdf_text

    page.get_by_role("link", name=words["back"]).click()
    page.goto(server.url + "/")
    expect(page.locator("table")).to_contain_text("LAUS-")
    check_accessibility(axe, page, "index with drafts")
    shots.take(page, "7-index-drafts")
    context.close()

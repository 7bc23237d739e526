"""Simulated visitors: each one a loop of page views (and now and then a question sent through
/ask/) against one app server, with its own cookies and its own loopback address, so that per-client
limits see separate clients. Every response is recorded with its kind, status and latency.

Loops are bounded twice over: by a deadline and by a maximum number of requests per visitor.
"""

import asyncio
import random
import re
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote_plus

import aiohttp

REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=30)
MAX_REQUESTS_PER_VISITOR = 20_000
# What a visitor does next, with its weight. The ask form is opened now and then; about half of
# those who open it send a question.
MIX = {"home": 8, "category": 22, "question": 40, "search": 25, "ask": 5}
SUBMISSIONS_PER_VISITOR = 2
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
REFERENCE = re.compile(r"<strong>(Q-[A-Z0-9]{8})</strong>")
# Every question a run sends starts with this, so that it can be found (and told apart) later.
SYNTHETIC_MARK = "[synthetic load-test question]"


@dataclass
class Sample:
    kind: str
    status: int  # 0: no response (refused, reset, timed out)
    seconds: float
    at: float  # seconds since the recorder started
    server: str


@dataclass
class Submission:
    text: str
    server: str
    status: int
    reference: str = ""
    page: str = field(default="", repr=False)  # the "please try again" page, if it came to that


@dataclass
class Recorder:
    """Everything the visitors saw, in order."""

    started: float = field(default_factory=time.monotonic)
    samples: list = field(default_factory=list)
    submissions: list = field(default_factory=list)
    recording: bool = True

    def add(self, kind, status, seconds, server):
        if self.recording:
            self.samples.append(
                Sample(kind, status, seconds, time.monotonic() - self.started, server)
            )


@dataclass
class Pool:
    """What there is to visit: category slugs with their page counts, Q&A slugs, search words."""

    categories: list  # [(slug, pages)]
    questions: list  # [slug]
    searches: list  # [query]


def visitor_address(number: int) -> str:
    """A loopback address of the visitor's own: 127.1.x.y (all of 127/8 is this machine)."""
    return f"127.1.{number // 250}.{number % 250 + 1}"


def question_text(topic: str = "") -> str:
    """A question that no one else sends, plainly marked as synthetic."""
    return (
        f"{SYNTHETIC_MARK} {uuid.uuid4().hex}: my lower back aches after gardening "
        f"{topic}and I wonder whether acupuncture could help, and how many sessions it takes."
    )


class Visitor:
    """One simulated visitor on one app server."""

    def __init__(self, number, server, pool, recorder, *, think=0.0, rng=None):
        self.number = number
        self.server = server
        self.pool = pool
        self.recorder = recorder
        self.think = think
        self.rng = rng or random.Random(number)  # noqa: S311 - reproducible choices, not secrets
        self.address = visitor_address(number)
        self.submissions_left = SUBMISSIONS_PER_VISITOR
        self.session = None

    async def __aenter__(self):
        self.session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(local_addr=(self.address, 0), force_close=True),
            cookie_jar=aiohttp.CookieJar(unsafe=True),  # cookies from an IP-address host
            timeout=REQUEST_TIMEOUT,
        )
        return self

    async def __aexit__(self, *exc):
        await self.session.close()

    async def get(self, kind, path, **kwargs):
        return await self.request(kind, "GET", path, **kwargs)

    async def request(self, kind, method, path, *, data=None, headers=None):
        """One request, recorded; returns (status, body, location). Redirects are not followed."""
        started = time.perf_counter()
        status, body, location = 0, "", ""
        try:
            async with self.session.request(
                method,
                self.server + path,
                data=data,
                headers=headers,
                allow_redirects=False,
            ) as response:
                body = await response.text(errors="replace")
                status, location = response.status, response.headers.get("Location", "")
        except (TimeoutError, aiohttp.ClientError, OSError):
            pass
        self.recorder.add(kind, status, time.perf_counter() - started, self.server)
        return status, body, location

    async def browse(self, deadline, *, mix=MIX):
        """Visit pages from `mix` until `deadline` (time.monotonic()), pausing `think` seconds on
        average before each, the first included: visitors who start together do not all ask at
        the same instant, as no real visitors do."""
        kinds, weights = list(mix), list(mix.values())
        for _ in range(MAX_REQUESTS_PER_VISITOR):
            if self.think:
                await asyncio.sleep(self.rng.uniform(0, 2 * self.think))
            if time.monotonic() >= deadline:
                return
            kind = self.rng.choices(kinds, weights)[0]
            await getattr(self, f"visit_{kind}")()

    async def hammer(self, kind, path, deadline):
        """Ask for one path again and again until `deadline`, without pausing."""
        for _ in range(MAX_REQUESTS_PER_VISITOR):
            if time.monotonic() >= deadline:
                return
            await self.get(kind, path)

    async def visit_home(self):
        await self.get("home", "/")

    async def visit_category(self):
        slug, pages = self.rng.choice(self.pool.categories)
        draw = self.rng.random()
        # Most readers stay on the first pages; a few jump far down the list.
        if draw < 0.5:
            page = 1
        elif draw < 0.9:
            page = self.rng.randint(1, min(pages, 10))
        else:
            page = self.rng.randint(1, pages)
        await self.get("category", f"/archive/{slug}/" + (f"?page={page}" if page > 1 else ""))

    async def visit_question(self):
        await self.get("question", f"/questions/{self.rng.choice(self.pool.questions)}/")

    async def visit_search(self):
        query = self.rng.choice(self.pool.searches)
        page = "&page=2" if self.rng.random() < 0.1 else ""
        await self.get("search", f"/search/?q={quote_plus(query)}{page}")

    async def visit_ask(self):
        status, form_page, _ = await self.get("ask form", "/ask/")
        if status != 200 or not self.submissions_left or self.rng.random() < 0.5:
            return
        self.submissions_left -= 1
        await self.send_question(form_page)

    async def send_question(self, form_page, text=None, *, kind="ask send"):
        """Send a question from an /ask/ form page already loaded; follow the redirect to the
        thank-you page for the reference number. Returns the recorded Submission."""
        text = text or question_text()
        token = CSRF_TOKEN.search(form_page)
        form_token = FORM_TOKEN.search(form_page)
        fields = {
            "question": text,
            "consent_to_store": "on",
            "name": f"Synthetic visitor {self.number}",
            "email": f"visitor{self.number}@example.invalid",
            "action": "send",
            "csrfmiddlewaretoken": token.group(1) if token else "",
            "form_token": form_token.group(1) if form_token else "",
        }
        if self.rng.random() < 0.5:
            fields["consent_to_publish"] = "on"
        status, body, location = await self.request(
            kind, "POST", "/ask/", data=fields, headers={"Referer": self.server + "/ask/"}
        )
        submission = Submission(text=text, server=self.server, status=status)
        self.recorder.submissions.append(submission)
        if status == 302:
            submission.reference = await self._reference_from(location)
        elif status == 503:
            submission.page = body
        return submission

    async def _reference_from(self, location, attempts=20):
        """The reference shown on the thank-you page, reloading it (as a person would) while the
        site cannot show it."""
        for _ in range(attempts):
            status, body, _ = await self.get("ask thanks", location)
            found = REFERENCE.search(body)
            if status == 200 and found:
                return found.group(1)
            await asyncio.sleep(0.5)
        return ""


async def run_visitors(visitors, action):
    """Open every visitor's session, run `action(visitor)` for all at once, close them."""

    async def one(visitor):
        async with visitor:
            await action(visitor)

    await asyncio.gather(*(one(v) for v in visitors))

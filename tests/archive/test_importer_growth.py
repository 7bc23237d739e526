"""The archive grows from more captured pages of the same site: listings across their pages,
single-Q&A pages and factsheets, with the site's menus anywhere. These pages are variations
written from the real pages' shapes (their Q&As are the real ones, rearranged)."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command

from archive import importer
from archive.models import Category, Question
from factsheets.models import Factsheet

REAL = settings.BASE_DIR / "fixtures" / "source-pages"
MENU = ["• Home", "• Member login", "• Contact", "• Site search", "Find an acupuncturist..."]


def real_qas(name):
    """The Q&A blocks of a real listing page, as captured ("Q: ..." up to the next "Q:")."""
    text = (REAL / name).read_text(encoding="utf-8")
    body = text.split("questions\n", 1)[1].split("Find an acupuncturist...")[0]
    return ["Q:" + block for block in body.split("\nQ:")[1:]]


def listing(path, page, of, blocks, menu_inside=False):
    lines = [*MENU, "", f"Ask an expert - {path}", "", f"{len(blocks) * of} questions", ""]
    for n, block in enumerate(blocks):
        lines.append(block)
        if menu_inside and n == 0:
            lines += ["", *MENU, ""]
    return "\n".join([*lines, "", f"Page {page} of {of}", "", *MENU])


def single(heading, block, path=None):
    header = [f"Ask an expert - {path}", ""] if path else []
    return "\n".join(["• Member login", "• Contact", "", *header, heading, "", block, "", *MENU])


@pytest.fixture
def pages(tmp_path):
    lower_back = real_qas("003_8dc044ae94b30b21.txt")
    back = real_qas("002_0167a6e60730c0ab.txt")
    folder = tmp_path / "pages"
    folder.mkdir()
    files = {
        # A listing over two pages, its menus at the top, inside and at the end.
        "100_neck_1.txt": listing("muscles and bones - neck", 1, 2, back[:2], menu_inside=True),
        "101_neck_2.txt": listing(
            "muscles and bones - neck", 2, 2, [back[2], "Q: A question nobody answered?\n"]
        ),
        # The first neck Q&A again, on its own page, spaced differently: the same Q&A.
        "102_single.txt": single(
            "Spinal stenosis and phantom pains", "  ".join(back[0].split(" ")), path=None
        ),
        # A Q&A on its own page in an area no other page names.
        "103_single_new_area.txt": single(
            "Tiredness after treatment", lower_back[1], path="head and face - headache"
        ),
        "104_factsheet.txt": (REAL / "004_a843011e60147a29.txt").read_text(encoding="utf-8"),
        "105_empty.txt": "\n".join(MENU),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build(folder):
    out = io.StringIO()
    output = folder.parent / "seed.json"
    call_command("import_source_pages", source=folder, output=output, stdout=out)
    return json.loads(output.read_text()), out.getvalue(), output


def questions(objects):
    return {o["fields"]["slug"]: o["fields"] for o in objects if o["model"] == "archive.question"}


def test_it_reports_what_it_imported_merged_and_skipped(pages):
    _, log, _ = build(pages)
    assert "Imported 4 Q&As; merged 1 captured twice; skipped 2." in log
    assert "102_single.txt: “I have been diagnosed with Spinal Stenosis" in log
    assert "101_neck_2.txt: 1 question with no answer" in log
    assert "105_empty.txt: no Q&A and no factsheet found" in log


def test_no_menu_survives_wherever_it_was(pages):
    objects, _, _ = build(pages)
    text = json.dumps(objects)
    for item in ["Member login", "Site search", "• Contact", "• Home", "Find an acupuncturist"]:
        assert item not in text


def test_menus_are_recognised_bulleted_or_not():
    for line in ["• Member login", "· Contact", "* Site search", "Contact us", "SITE SEARCH"]:
        assert importer.is_furniture(line), line
    for line in ["• lower back pain", "• Pregnancy", "Contact your GP if it persists."]:
        assert not importer.is_furniture(line), line


def test_each_qa_is_filed_where_its_page_says_creating_areas_as_needed(pages):
    objects, _, _ = build(pages)
    categories = {
        o["fields"]["slug"]: o["fields"]["parent"]
        for o in objects
        if o["model"] == "archive.category"
    }
    assert categories == {
        "muscles-and-bones": None,
        "neck": ["muscles-and-bones"],
        "head-and-face": None,
        "headache": ["head-and-face"],
    }
    filed = {q["original_title"][:25]: q["category"] for q in questions(objects).values()}
    assert filed["Spinal stenosis and phant"] == ["neck"]
    assert filed["Tiredness after treatment"] == ["headache"]
    assert sum(category == ["neck"] for category in filed.values()) == 3


def test_a_qa_captured_twice_is_one_with_both_sources(pages):
    objects, _, _ = build(pages)
    (merged,) = [q for q in questions(objects).values() if "," in q["source"]]
    assert merged["source"] == "100_neck_1.txt, 102_single.txt"
    # Its own page's heading names it.
    assert merged["title"] == "Spinal stenosis and phantom pains"
    assert merged["question"].startswith("I have been diagnosed with Spinal Stenosis")
    assert [o["model"] for o in objects].count("factsheets.factsheet") == 1


def test_every_record_keeps_its_source_page(pages):
    objects, _, _ = build(pages)
    for question in questions(objects).values():
        assert all((pages / name.strip()).exists() for name in question["source"].split(","))


def test_importing_and_loading_again_changes_nothing(pages, db):
    first, _, output = build(pages)
    again, _, _ = build(pages)
    assert again == first
    call_command("seed", fixture=output, verbosity=0)
    rows = [
        list(model.objects.order_by("pk").values()) for model in (Category, Question, Factsheet)
    ]
    assert [len(r) for r in rows] == [4, 4, 1]
    call_command("seed", fixture=output, verbosity=0)
    assert [
        list(m.objects.order_by("pk").values()) for m in (Category, Question, Factsheet)
    ] == rows


@pytest.mark.parametrize(
    ("source", "tidied"),
    [
        ("I' ve got pain in my back L4 & L5", "I've got pain in my back L4 & L5"),
        ("Can acupuncture  cause imbalance and dizziness .", "Can acupuncture cause imbalance and dizziness"),
        ("Answer only: A great deal depends on the injuries", "A great deal depends on the injuries"),
        ("i had an epidural , then pain", "I had an epidural, then pain"),
        ("I have had twp sessions of acupucture", "I have had twp sessions of acupucture"),
    ],
)  # fmt: skip
def test_titles_are_tidied_but_their_words_left_for_editors(source, tidied):
    assert importer.tidy_title(source) == tidied

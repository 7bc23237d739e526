"""The seeded sciatica factsheet (fixtures/seed.json, from
fixtures/source-pages/004_a843011e60147a29.txt): every claim it makes that the site knows current
evidence or guidance does not support is noted, once, before the factsheet's own words."""

from archive import outdated_claims
from factsheets.models import Factsheet

NOTE = "current evidence or guidance does not support"
SEEDED_CLAIMS = [
    "nice_recommends_acupuncture",
    "acupuncture_heals_sciatica",
    "free_of_risk",
    "works_best",
    "mechanism_seen_in_animals",
    "disc_back_into_place",
]


def seeded_claims():
    return [claim for claim in outdated_claims.OUTDATED_CLAIMS if claim.name in SEEDED_CLAIMS]


def test_the_seeded_sciatica_factsheet_notes_each_claim_it_makes(seeded):
    factsheet = Factsheet.objects.get(slug="sciatica")
    assert [claim.name for claim in factsheet.outdated_claims] == SEEDED_CLAIMS


def test_the_seeded_sciatica_factsheet_says_what_nice_says_before_it_claims_more(client, seeded):
    html = client.get("/factsheets/sciatica/").content.decode()
    note = html.index(NOTE)
    told = [html.index(claim.headline) for claim in seeded_claims()]
    assert note < min(told) and told == sorted(told)
    assert all(html.count(claim.headline) == 1 for claim in seeded_claims())
    for words in (
        "getting rid of inflammation is what acupuncture does best",
        "promotes regeneration of the sciatic nerve",
        "causes changes in sciatic nerve blood flow",
    ):
        assert max(told) < html.index(words)

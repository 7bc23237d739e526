"""Claims the site knows are no longer true: each in the sentences authors wrote, sentences that
must not count as it, and the note a Q&A or factsheet page shows before the claim."""

import re
from xml.etree import ElementTree

import pytest

from archive import outdated_claims
from archive.models import Question
from tests.factories import make_category, make_factsheet, make_question

MAKES = {
    "nice_recommends_acupuncture": [
        "The NICE guidelines for treating lower back pain recommend ten sessions",
        "NICE guidelines now recommend a course of ten sessions for people suffering chronic low "
        "back pain.",
        "Nice recommends acupuncture as a safe and effective treatment for back pain",
        "The National Institute for Health and Clinical Excellence guidelines on best practice now "
        "recommend that GPs offer a course of 10 sessions of acupuncture",
        "Back pain forms one of the recommended treatments in the NICE guidelines.",
        "Acupuncture has, in fact, been accepted within NICE guidelines as an effective treatment "
        "for chronic low back pain.",
        "NICE advise a course of acupuncture for persistent low back pain.",
        "Acupuncture for back pain is approved by NICE.",
        "It is a treatment endorsed by NICE for chronic back pain.",
        "The NICE guidelines (which determine what treatment doctors can offer) have included ten "
        "sessions of acupuncture.",
    ],
    "acupuncture_heals_sciatica": [
        # The sciatica factsheet (fixtures/source-pages/004_a843011e60147a29.txt).
        "- promotes regeneration of the sciatic nerve",
        "Acupuncture promotes regeneration of the sciatic nerve.",
        "It also stimulates regrowth of the damaged sciatic nerve.",
        "Acupuncture cures sciatica.",
        "Acupuncture can heal the sciatic nerve.",
        "Acupuncture treatment repairs the damaged sciatic nerve.",
        "Acupuncture will get rid of your sciatica for good.",
        "Acupuncture has been clinically proven to relieve sciatica.",
    ],
    "free_of_risk": [
        "It is without risk, highly effective and not difficult to endure.",
        "It is also accessible to all, without side effects.",
        "Acupuncture is completely safe.",
        "There are no side effects.",
        "Acupuncture treatment for your lower back should have no harmful side effects.",
        "Acupuncture is harmless.",
        "In theory acupuncture treatment for your lower back should have no harmful…",
        "It has no harmful effects.",
        "The treatment is completely harmless.",
        "It is safe and free from side effects.",
        "The needles cannot do you any harm.",
    ],
    "works_best": [
        # The sciatica factsheet's "What it is" and "Causes".
        "It is a form of nerve inflammation and getting rid of inflammation is what acupuncture "
        "does best.",
        "For this purpose, acupuncture is unrivalled.",
        "For sciatica, acupuncture is unrivalled for pain relief.",
        "Sciatica is what acupuncture does best.",
        "Acupuncture is highly effective for sciatica.",
        "Acupuncture is very effective for back pain.",
        "Acupuncture is the most effective treatment for sciatica.",
        "Acupuncture treatment has been remarkably effective for my patients.",
    ],
    "mechanism_seen_in_animals": [
        # The sciatica factsheet's list under "How acupuncture may help".
        "- Acupuncture: reduces pain and inflammation",
        "- causes changes in sciatic nerve blood flow",
        "Acupuncture reduces inflammation.",
        "Acupuncture can reduce the inflammation around the nerve root.",
        "Acupuncture has a powerful anti-inflammatory effect.",
        "Acupuncture improves the blood supply to the sciatic nerve.",
        "Needling also increases blood flow to the sciatic nerve.",
    ],
    "disc_back_into_place": [
        "It can even encourage an out of place disc to go back into place, depending on severity.",
        "A few sessions will pop the disc back in place.",
        "Treatment pushes the slipped disc back into position.",
    ],
    "worse_always_settles": [
        # The seed Q&A on sciatica worse after two sessions.
        "In some cases this can be quite marked, but in all cases this should stop after about 48 "
        "hours.",
        "Our expectation, however, is that by the time you read this the paim will have subsided "
        "considerably and you will be starting to feel the benefits of the treatment.",
        "It will always settle within a day or two.",
        "The pain will have subsided by the time you read this.",
        "This reaction always passes within 48 hours.",
        "The flare-up will definitely have settled down in a couple of days.",
        "It is guaranteed to pass within a day.",
        "In every case the soreness clears up overnight.",
        "The soreness never lasts more than two days.",
        "By now the pain in your leg will have eased.",
        "The symptoms are always gone by the next day.",
    ],
}

MAKES_NONE = [
    "Until recently NICE used to recommend acupuncture for chronic back pain.",
    "NICE no longer recommends acupuncture for low back pain.",
    "NICE recommends exercise for back pain.",
    "It was nice to meet you, and I recommend a course of sessions.",
    "There is no equivalent of a NICE guideline for a lower back problem.",
    "Acupuncture has very few side effects.",
    "The bruise is harmless and fades in a few days.",
    "Acupuncture is not harmless: it has real, if rare, risks.",
    "Treatment is never harmless.",
    "The needles hold no harmful chemicals.",
    "A little soreness afterwards is harmless.",
    "Your GP can advise you on painkillers, as NICE suggests.",
    "Acupuncture is generally very safe in the hands of a registered practitioner.",
    "Is acupuncture safe during pregnancy?",
    "The disc bulges and presses on a nerve.",
    "Put the needles in place before the disc scan.",
    "Once the pain eased, I was back in place at work; my disc is fine.",
    # What NICE says now is no claim that it recommends acupuncture.
    "NICE says do not offer acupuncture for managing low back pain with or without sciatica.",
    "NICE does not recommend acupuncture for sciatica.",
    "NICE advises against acupuncture for back pain.",
    # Sciatica: hedged, doubted, a patient's own account, or no claim about acupuncture.
    "Acupuncture may help some people with sciatica.",
    "Acupuncture cannot cure sciatica, but it may ease the pain.",
    "Acupuncture does not cure sciatica.",
    "There is no good evidence that acupuncture repairs the sciatic nerve.",
    "Is acupuncture the best treatment for sciatica?",
    "It has cured my sciatica and has completely relaxed my stiff back and shoulders.",
    "Acupuncture can ease the pain while the sciatic nerve heals.",
    "Sciatica usually heals on its own within a few weeks.",
    "Rest promotes healing of the sciatic nerve.",
    "The sciatic nerve regenerates slowly after an injury.",
    # Inflammation or blood flow: another treatment, said where it was seen, or doubted.
    "Ibuprofen reduces inflammation.",
    "Ice reduces swelling and inflammation.",
    "Steroid treatment reduces inflammation.",
    "Walking improves circulation in the sciatic nerve.",
    "In rats, acupuncture reduced inflammation.",
    "There is no good evidence that acupuncture reduces inflammation.",
    "Is acupuncture anti-inflammatory?",
    "- improves local micro circulation",
    "Getting rid of inflammation is what ibuprofen does best.",
    "Moving symptoms from one side to another is not unknown with sciatica.",
    # Effective: asked, denied, said of another treatment, or no more than effective.
    "Is acupuncture very effective?",
    "Acupuncture is not very effective for everyone.",
    "Ibuprofen is highly effective.",
    "Acupuncture may help, and exercise is very effective.",
    "Acupuncture is an effective treatment for some people.",
    "Acupuncture is proven to be safe in the hands of a registered practitioner.",
    # Settling: what usually happens, a condition, a denial, a hope, a question, or no set time.
    "Soreness usually settles in a day or two.",
    "Most people feel better within 48 hours.",
    "If it does not settle within 48 hours, see your doctor.",
    "Always see your doctor if it has not settled within 48 hours.",
    "It will almost always settle within a day or two.",
    "It does not always settle within 48 hours.",
    "Hopefully by the time you read this the pain will have subsided.",
    "Will it always settle within two days?",
    "The soreness always passes quickly.",
    # The seed's other answers on feeling worse after a session.
    "If the symptoms have abated by the time you read this, it will mean that the effects were "
    "transient.",
    "The vast majority are transient and have disappeared within 24 - 48 hours, but some can "
    "linger a little longer.",
    "We routinely warn people that there may be as much as two to four days of disruption after "
    "a session, and that they will only start to see progress when this has settled down.",
    # Settling words of something else.
    "You should always stop taking ibuprofen after three days.",
    "Acupuncture will always ease the pain within a day.",
    "By the time you read this, your appointment will have passed.",
    "By the time you read this you will have settled into a routine.",
    "The needles are always removed after 20 minutes.",
]


@pytest.mark.parametrize(
    ("name", "text"), [(name, text) for name, texts in MAKES.items() for text in texts]
)
def test_each_claim_is_found_in_the_words_authors_wrote(name, text):
    assert [claim.name for claim in outdated_claims.found_in(text)] == [name]


@pytest.mark.parametrize("text", MAKES_NONE)
def test_sentences_that_do_not_make_a_claim_are_left_alone(text):
    assert outdated_claims.found_in(text) == []


def test_every_claim_has_sentences_that_make_it():
    assert set(MAKES) == {claim.name for claim in outdated_claims.OUTDATED_CLAIMS}


@pytest.mark.parametrize("claim", outdated_claims.OUTDATED_CLAIMS, ids=lambda claim: claim.name)
def test_each_claims_headline_is_the_first_whole_sentence_of_what_readers_are_told(claim):
    assert claim.now.startswith(claim.headline) and claim.headline.endswith(".")
    assert len(claim.headline) < len(claim.now)


def test_a_note_that_quotes_nice_makes_no_claim_itself():
    for name in ("nice_recommends_acupuncture", "acupuncture_heals_sciatica"):
        (claim,) = (claim for claim in outdated_claims.OUTDATED_CLAIMS if claim.name == name)
        assert outdated_claims.found_in(claim.now) == [], name
        assert claim.source == outdated_claims.NG59_ACUPUNCTURE


def test_the_note_on_feeling_worse_promises_nothing_itself():
    (claim,) = (c for c in outdated_claims.OUTDATED_CLAIMS if c.name == "worse_always_settles")
    assert outdated_claims.found_in(claim.now) == []
    assert claim.headline.endswith("usually passes, but not always.")


def test_a_claim_is_made_within_one_sentence():
    text = "NICE publishes guidelines. We recommend a course of sessions."
    assert outdated_claims.found_in(text) == []


def test_a_claim_is_made_within_one_text_of_several():
    # A factsheet's sections and a snippet's fragments are separate texts, whatever ends them.
    texts = ("The NICE guidelines", "recommend ten sessions", "")
    assert outdated_claims.found_in(*texts) == []
    found = outdated_claims.found_in("Some background", "NICE guidelines recommend ten sessions")
    assert [claim.name for claim in found] == ["nice_recommends_acupuncture"]


NOTE = "current evidence or guidance does not support"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_qa_says_what_is_known_now_before_the_answer_that_claims_otherwise(client, db):
    area = make_category("Lower back pain")
    claim = "The NICE guidelines for treating lower back pain recommend ten sessions."
    question = make_question(area, answer=f"It may help. {claim}")
    html = client.get(question.get_absolute_url()).content.decode()
    assert (
        html.index(NOTE)
        < html.index("NICE does not recommend acupuncture for low back pain")
        < html.index(claim)
    )
    assert "Source: NICE guideline NG59" in html


def test_a_list_of_qas_says_what_is_known_now_beside_a_title_that_makes_a_claim(client, db):
    area = make_category("Lower back pain")
    claiming = make_question(area, title="Acupuncture for your back should have no harmful…")
    plain = make_question(area, title="Is it normal to feel tired afterwards?")
    for url in ("/", area.get_absolute_url()):
        html = client.get(url).content.decode()
        note = html.index("<strong>Note:</strong> Acupuncture is not free of risk or side effects.")
        assert html.index(claiming.title) < note
        assert html.count("<strong>Note:</strong>") == 1, url
        assert plain.title in html


def test_a_qa_whose_title_alone_makes_a_claim_says_what_is_known_now_under_it(client, db):
    area = make_category("Lower back pain")
    question = make_question(area, title="Needles have no side effects", answer="They may help.")
    html = client.get(question.get_absolute_url()).content.decode()
    assert "<title>Needles have no side effects ·" in html
    headline = "Acupuncture is not free of risk or side effects."
    assert html.index("<h1>") < html.index(NOTE) < html.index(headline) < html.index("They may")
    feed = ElementTree.fromstring(client.get("/feed/").content)  # noqa: S314 - the site's own
    summary = feed.findtext(f"{ATOM}entry/{ATOM}summary")
    assert summary.index(NOTE) < summary.index(headline) < summary.index("They may")


@pytest.mark.parametrize(
    ("question", "answer", "described"),
    [
        ("Is it normal to feel tired?", "It is completely safe.", "Is it normal to feel tired?"),
        ("", "Rest for a day. Then walk.", "Rest for a day. Then walk."),
        ("", "It is completely safe. Rest for a day.", None),
        ("Is acupuncture completely safe?", "No.", None),
    ],
)
def test_a_qa_pages_description_never_makes_a_claim_it_cannot_note(
    client, db, question, answer, described
):
    # Search engines show the description without the page's note: the site's own one instead.
    qa = make_question(
        make_category(), question=question, question_preserved=bool(question), answer=answer
    )
    html = client.get(qa.get_absolute_url()).content.decode()
    shown = re.search(r'<meta name="description" content="([^"]*)">', html)[1]
    if described:
        assert shown == described
    else:
        assert shown.startswith("Expert answers to patients' questions about acupuncture")


def test_the_seeded_qa_on_sciatica_worse_after_sessions_says_it_may_not_settle(
    client, admin_client, seeded
):
    # Its answer promises that "in all cases this should stop after about 48 hours".
    question = Question.objects.get(
        slug="i-have-had-twp-sessions-of-acupucture-to-help-me-with-lower-back-pain"
    )
    assert [claim.name for claim in question.outdated_claims] == ["worse_always_settles"]
    html = client.get(question.get_absolute_url()).content.decode()
    told = html.index("Feeling worse for a short time after a session of acupuncture usually")
    assert html.index(NOTE) < told < html.index("in all cases this should stop after about 48")
    assert "Pain that keeps getting worse needs a GP or NHS 111" in html
    assert "Source: NHS, Acupuncture (nhs.uk/conditions/acupuncture)" in html
    # Editors see it on the Q&A's change page, where they would edit the claim out.
    html = admin_client.get(f"/admin/archive/question/{question.pk}/change/").content.decode()
    assert "Readers are told: “Feeling worse for a short time" in html
    assert "The claim is in “Answer”." in html


def test_a_qa_that_makes_no_such_claim_has_no_note(client, db):
    question = make_question(make_category("Lower back pain"))
    assert NOTE not in client.get(question.get_absolute_url()).content.decode()


def test_the_red_flag_advice_still_comes_first(client, db):
    question = make_question(
        make_category("Lower back pain"),
        question="I have numbness around my genitals since yesterday",
        answer="NICE guidelines now recommend a course of ten sessions.",
        marked_for_review=True,
    )
    html = client.get(question.get_absolute_url()).content.decode()
    urgent = 'Call <a href="tel:999">999</a> or go to A&amp;E now.'
    assert html.index(urgent) < html.index("This answer is due for review") < html.index(NOTE)


def test_a_factsheet_says_what_is_known_now_before_its_sections(client, db):
    factsheet = make_factsheet(
        "Sciatica",
        causes="For this purpose, acupuncture is unrivalled. It is without risk.",
        evidence="Nice recommends acupuncture as a safe and effective treatment for back pain",
    )
    html = client.get(factsheet.get_absolute_url()).content.decode()
    assert html.index(NOTE) < html.index("It is without risk")
    assert (
        "NICE does not recommend acupuncture for low back pain" in html
        and "not free of risk" in html
    )
    # What the 2009 guideline said, no more: "consider", and not for sciatica.
    told = (
        "a guideline of 2009 on persistent low back pain without sciatica, which said to "
        "consider a course of up to ten sessions."
    )
    assert told in html.replace("\n", " ")


def test_a_factsheet_says_what_nice_says_of_sciatica_before_a_list_that_claims_more(client, db):
    factsheet = make_factsheet(
        "Sciatica",
        how_acupuncture_may_help="- relaxes muscles\n- promotes regeneration of the sciatic nerve",
    )
    html = client.get(factsheet.get_absolute_url()).content.decode()
    note = html.index("NICE does not recommend acupuncture for sciatica.")
    assert html.index(NOTE) < note < html.index("promotes regeneration of the sciatic nerve")
    words = (
        "\u201cDo not offer acupuncture for managing low back pain with or without sciatica.\u201d"
    )
    assert words in html
    assert "Source: NICE guideline NG59, Low back pain and sciatica in over 16s (2016), " in html
    # The one claim it makes, not the others that quote the same guideline.
    assert (
        "NICE does not recommend acupuncture for low back pain" not in html
        and html.count("<li>NICE") == 1
    )


def test_a_factsheet_says_where_a_way_acupuncture_might_work_was_seen_before_it(client, db):
    factsheet = make_factsheet(
        "Sciatica",
        how_acupuncture_may_help="- Acupuncture: reduces pain and inflammation\n"
        "- causes changes in sciatic nerve blood flow",
    )
    html = client.get(factsheet.get_absolute_url()).content.decode()
    note = html.index("has been seen in animals, not shown in people.")
    assert html.index(NOTE) < note < html.index("reduces pain and inflammation")
    assert "Nature 2021 (in mice)" in html and "Acupuncture in Medicine 2005" in html
    # One note for the two items that make the claim.
    assert html.count("has been seen in animals") == 1


def test_a_factsheet_that_makes_no_such_claim_has_no_note(client, db):
    factsheet = make_factsheet("Sciatica", causes="Irritation of the sciatic nerve.")
    assert NOTE not in client.get(factsheet.get_absolute_url()).content.decode()


def test_editors_see_on_the_change_form_what_readers_are_told(admin_client, db):
    area = make_category("Lower back pain")
    claiming = make_question(area, answer="NICE guidelines now recommend a course of ten sessions.")
    plain = make_question(area)
    factsheet = make_factsheet("Sciatica", causes="It is without risk.")
    html = admin_client.get(f"/admin/archive/question/{claiming.pk}/change/").content.decode()
    assert "Readers are told: “NICE does not recommend acupuncture for low back pain" in html
    html = admin_client.get(f"/admin/archive/question/{plain.pk}/change/").content.decode()
    assert "None found: readers see no such note." in html
    html = admin_client.get(f"/admin/factsheets/factsheet/{factsheet.pk}/change/").content.decode()
    assert "Readers are told: “Acupuncture is not free of risk" in html


def test_a_feed_entry_says_what_is_known_now_before_the_answer(client, db):
    area = make_category("Lower back pain")
    make_question(area, answer="It may help. NICE guidelines now recommend ten sessions.")
    make_question(area, title="Needles", answer="The needles are fine.")
    feed = client.get("/feed/").content.decode()
    claiming, plain = (feed.split("<entry>")[n] for n in (1, 2))
    if "Needles" in claiming:
        claiming, plain = plain, claiming
    assert claiming.index("NICE does not recommend acupuncture for low back pain") < claiming.index(
        "It may help"
    )
    assert NOTE not in plain


def test_a_factsheets_summary_that_makes_a_claim_is_noted_wherever_it_is_listed(client, db):
    # The A–Z index and a Q&A's factsheets show the summary without the page's note.
    summary = "Acupuncture is highly effective for sciatica."
    factsheet = make_factsheet("Sciatica", summary=summary)
    question = make_question(make_category("Lower back pain"))
    factsheet.questions.add(question)
    headline = "<strong>Note:</strong> Acupuncture is not known to work better than other"
    for url in ("/factsheets/", question.get_absolute_url()):
        html = client.get(url).content.decode()
        assert html.index(summary) < html.index(headline), url


def test_a_factsheets_description_never_makes_a_claim_it_cannot_note(client, db):
    # Search engines show the description and the JSON-LD without the page's note.
    factsheet = make_factsheet("Sciatica", summary="Acupuncture is highly effective for it.")
    html = client.get(factsheet.get_absolute_url()).content.decode()
    shown = re.search(r'<meta name="description" content="([^"]*)">', html)[1]
    assert shown.startswith("Expert answers to patients' questions about acupuncture")
    assert "highly effective" not in re.search(r"application/ld\+json\">(.*?)</script>", html)[1]
    plain = make_factsheet("Bursitis", summary="What bursitis is.")
    html = client.get(plain.get_absolute_url()).content.decode()
    assert '<meta name="description" content="What bursitis is.">' in html
    assert '"description": "What bursitis is."' in html


def test_a_factsheets_title_that_makes_a_claim_is_noted_in_search_results(client, db):
    make_factsheet("Sciatica", title="Sciatica: acupuncture is highly effective")
    html = client.get("/search/", {"q": "sciatica"}).content.decode()
    title = html.index("Sciatica: acupuncture is highly effective</a>")
    assert title < html.index("<strong>Note:</strong> Acupuncture is not known to work better")

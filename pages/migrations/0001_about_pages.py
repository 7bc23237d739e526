"""The pages a health site is expected to have, as flat pages editors change in admin: about the
expert panel, the editorial policy, privacy and contact. This is their first text; the privacy
page adds SECURITY.md's facts about personal data and the contact page the site's address
(templates pages/privacy.html and pages/contact.html), so neither is typed twice."""

from django.conf import settings
from django.db import migrations

PAGES = [
    {
        "url": "/about/panel/",
        "title": "About the expert panel",
        "content": """
<p>Every answer on this site comes from an expert panel of acupuncture practitioners, not from
one named person. The archived answers were written by the panel of an earlier “Ask an expert”
service; they speak for practitioners who are members of the British Acupuncture Council (BAcC),
the professional body whose members and guidance the answers refer to. New questions sent through
this site are answered by the site’s editors with the panel.</p>
<h2>What the panel knows, and what it does not</h2>
<p>As a group the panel are practising acupuncturists: they answer from clinical experience and
from the research and clinical guidelines (such as NICE’s) that they cite. They are not your
doctor, they have not examined you, and an answer written for one person cannot take account of
your own history.</p>
<h2>How answers are checked and reviewed</h2>
<p>Editors read every new answer before it is published and remove anything that could identify
the person who asked. Each answer shows who answered it, when it was published, and when it was
last reviewed. Answers kept from the earlier archive say that their date was not recorded, and
that they have not been reviewed since they were archived, until a reviewer has checked them.
Our <a href="/about/editorial-policy/">editorial policy</a> says how.</p>
<h2>What this site is not</h2>
<p>This site is not a diagnosis, a prescription or an emergency service. If you are worried about
your symptoms, talk to your doctor. If you have any of the
<a href="/urgent-help/">warning signs that need urgent help</a>, call 999 or NHS 111 now.</p>
""",
    },
    {
        "url": "/about/editorial-policy/",
        "title": "Editorial policy",
        "content": """
<h2>What we publish</h2>
<p>General information about acupuncture for back pain, sciatica and related problems: answers
from the expert panel to patients’ questions, and factsheets about conditions. Advice to see a
doctor, and the signs that need urgent help, always come first and are never contradicted by
anything else on a page.</p>
<h2>Where the answers come from</h2>
<p>Answers from the earlier archive are kept as the panel wrote them. Their dates were not
recorded, and we do not invent one. Editors may correct the spelling of a title; the text of a
question or an answer is not changed except to remove details that could identify someone.
Questions sent through this site are published only if the person who asked agreed.</p>
<h2>Review</h2>
<p>Reviewers check answers and factsheets against current research and clinical guidelines and
record the date. A factsheet that has never been checked, or whose next review date has passed,
carries a warning until it is reviewed.</p>
<h2>Corrections</h2>
<p>If you think an answer is wrong or out of date, please <a href="/about/contact/">tell us</a>.
Each page also asks whether it was helpful; editors read the least helpful pages first.</p>
<h2>Independence</h2>
<p>The site carries no advertising and takes no payment for what it publishes.</p>
""",
    },
    {
        "url": "/about/privacy/",
        "title": "Privacy",
        "template_name": "pages/privacy.html",
        "content": """
<p>You can read every page and search the archive without giving us anything: the site sets no
tracking or analytics cookies. Asking a question needs no account; your name and e-mail address
are optional, are never shown on a public page, and are erased a set time after your question is
closed (the table below says when). Pressing “Was this helpful?” adds one to that page’s count
for the day; the count holds nothing about you.</p>
<h2>Withdrawing a question</h2>
<p>To withdraw a question before it is answered, or to have your name and e-mail address removed
sooner, <a href="/about/contact/">write to us</a> from the address you gave, or with the words of
your question, and an administrator deletes it.</p>
""",
    },
    {
        "url": "/about/contact/",
        "title": "Contact",
        "template_name": "pages/contact.html",
        "content": """
<p>To ask a question about acupuncture, use the <a href="/ask/">question form</a>: it reaches
the panel’s queue, and you can leave an address for the reply.</p>
<p>To report a mistake in an answer, withdraw a question you sent, or ask what we keep about you,
write to the editors. We cannot give medical advice by e-mail. If you need help now, see
<a href="/urgent-help/">when to get urgent help</a>.</p>
""",
    },
]


def create_pages(apps, schema_editor):
    """Add the pages that are missing (editors' versions are left as they are)."""
    FlatPage = apps.get_model("flatpages", "FlatPage")
    Site = apps.get_model("sites", "Site")
    # Its domain is set from SITE_URL after every migrate (pages.apps.sync_site).
    site, _ = Site.objects.get_or_create(pk=settings.SITE_ID)
    for page in PAGES:
        flatpage, created = FlatPage.objects.get_or_create(url=page["url"], defaults=page)
        if created:
            flatpage.sites.add(site)


class Migration(migrations.Migration):
    dependencies = [
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]

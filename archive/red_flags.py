"""Red-flag signs in back pain and sciatica: the one reviewed place for the rules.

A question shows a sign when the asker ticks its box on the form or when its words match one of
the sign's patterns. Either way the asker is shown the sign's advice at once and the question is
marked urgent for the editors. A search whose words match gets the advice above its results.

Decisions a reviewer should know about:
- We err towards a false alarm. A false alarm costs an asker a paragraph of advice and an editor
  a look; a missed sign can cost someone the use of their legs or bladder.
- So negation is NOT parsed: "cauda equina was ruled out" and "I have no numbness in my groin"
  still show their advice. Telling "no numbness" from "no feeling down there" (itself a sign)
  reliably is beyond word patterns. Besides a nerve's symptoms said to be gone or better since a
  needle (SAYS_BETTER), the fever sign is the exception: none of its words is a denial itself,
  and its advice is not 999, so a plain denial directly before them ("no fever",
  "no night sweats", "no fever, chills or night sweats", "without any night sweats", "not
  sweating", "I don't have a temperature") is not the sign (see DENIED_FEVER). Anything else
  still shows it: "no fever but night sweats", "no fever, night sweats every night", "not sure
  if it's a fever", "I didn't have a fever until today".
- Everyday phrasing is kept out by the patterns themselves and by `ignore` patterns that remove
  known look-alikes (hay fever, fell asleep, slipped disc) before matching. Each rule's tests in
  tests/archive/test_red_flags.py list phrases that must and must not match; add to them with any
  change.
- A typo in the word a sign hinges on must not hide the sign ("chest pian", "back pain fevr", "I
  cant controll my bladder"). The search page and the ask form put typos right only towards words
  the archive's pages hold, which lack many of the rules' words (bladder, fever, urine, headache),
  and a published Q&A's question is read as typed; so `found_in` puts them right itself, in the
  one place the rules live, towards the rules' own vocabulary: the words their patterns spell,
  read from the patterns so that it never drifts from them. It matches the text as typed and as
  corrected, so a correction can add a sign but never hide one. One typo is put right: a letter
  left out, added or changed, or two neighbouring letters swapped, never in the first letter, and
  only in a word of four letters or more that is not a word of the rules already. In a word of
  four letters a changed letter is put right only when it is a neighbouring key of the rules'
  letter and the typed word is not one of pyspellchecker's words of four letters, however seldom
  used, nor one of a few real words that list lacks ("weal", "jags", "leys": see
  UNLISTED_SHORT_WORDS): "paim" is "pain" and "lefs" is "legs" (not "left"), but "pail", "pair",
  "pein", "paix" and "weal" stay themselves. Short
  words make other words too easily for any other change to be safe. To keep false alarms rare a
  word of English is never corrected, however close: "fewer" is not "fever", "chess" not
  "chest", "sweetheart" not "sweat". So the words of English that askers often type for the
  rules' words, "bowls" and "bowl" for "bowels" and "bowel", "loose" for "lose" and "sever" for
  "severe", are in the patterns instead (not a game of bowls, nor "two bowls of porridge"), as
  are "num" and "numness" for "numb" and "numbness". "Number", "numbers" and "numbered" are
  never numbness ("the number of sessions for my bottom"), but for "getting number" (more numb:
  "my foot is getting number"). Every text of the seed archive gains no sign by the correction,
  which its tests check.
- The signs of a stroke (the NHS's face, arms and speech: a face dropped on one side, weakness
  or numbness down one side of the body or in one arm, slurred speech) are a sign of their own,
  though on none of the back pain lists: a needle or manipulation in the neck can rarely bring
  one on, and askers write of their relatives. A stroke feared now ("am I having a stroke?", "I
  think dad had a stroke last night") shows it; one of the past and what it left ("weakness down
  one side since my stroke", "a stroke two years ago"), a face drooping from a Bell's palsy named
  in the same sentence, drooping eyelids, an arm that cannot be lifted above the head (a frozen
  shoulder's) or one gone numb in the night do not. But a sign said to be new, now or back in the
  sentence that names a stroke of the past shows it, as it may be a new stroke (see SAID_NEW):
  suddenly, today, this morning, tonight, just now, an hour ago, since last week, again (not
  walking or talking again), another or a new stroke, new weakness, a face that started to droop
  or weakness that came on ("after my stroke last year I recovered well, but this morning my face
  suddenly dropped on one side", "since my stroke I've been fine, now his speech is slurred
  again"), or worse ("my face dropped after my stroke, and now it's worse"). A treatment or the
  back's pain begun or worse is not new of the sign ("since my stroke I started acupuncture for
  the weakness down my left side"), nor is a word of now in another sentence. A face drooping from a Bell's palsy shows it only when the droop came within hours
  (today, this morning, last night: see JUST_NOW) or suddenly, as the NHS's page on the palsy
  says to call 999 for a face that has dropped and that a stroke's signs, unlike the palsy's,
  usually come on suddenly ("I woke up this morning with my face drooping, I think it's Bell's
  palsy", "my face suddenly drooped, is it Bell's palsy?"), or when the palsy is only asked about
  or thought of, not named by a doctor ("my face drooped, is it Bell's palsy?", "I think it's
  Bell's palsy": see PALSY_ASKED); a palsy that came on weeks, months or years ago does not ("it
  came on suddenly two weeks ago and my face still droops"), nor one the asker has ("I have
  Bell's palsy and my face droops on one side").
- A severe allergic reaction (anaphylaxis: lips, tongue or throat swelling, a tight throat, lips
  turning blue, or an allergy said with swelling, breathing trouble or swallowing) is a sign of
  its own: a needle's metal, tape or a cream can rarely bring one on. An allergy with no reaction
  said ("allergic to nickel"), or "an allergic reaction" alone (most are a rash), is not; nor is a
  throat or lip swollen in a sentence naming a cold, tonsils, glands, a cold sore or a filler.
- Thoughts of suicide or self-harm, said outright ("I want to end it all", "I don't want to be
  alive anymore", "I took an overdose"), are a sign of their own: pain that goes on wears people
  down, and the asker is told where to talk today (NHS 111's mental health option, Samaritans) and
  to call 999 if they might act on them. Pain said to be killing someone, not wanting to live with
  pain, and not wanting to go on with a treatment are not it.
- Naming cauda equina syndrome ("could I have cauda equina?", "CES symptoms") is a sign of its own,
  on none of the NHS's lists (which name the syndrome's signs, each a sign here), with the 999
  advice and the syndrome's signs: one who fears it should go now, and advice that names its signs
  helps them judge. "Cauda equina was ruled out" shows it too, as negation
  is not parsed, and "Can acupuncture reach the cauda equina?" does: false alarms both, and rare.
- Leaking when you cough, sneeze or laugh (stress incontinence) and not getting to the toilet in
  time are common, most often after childbirth or with age, and seldom cauda equina. But they are
  not being able to control when you pee, which the NHS's 999 lists name, and a few words cannot
  tell a new change from an old one; so they show the bladder advice, which says "new". "I wet
  myself laughing", the saying, does not.
- People search in keywords side by side, with no sentence around them, so most signs also
  have keyword forms. A word of the bladder or bowel beside one of the back, sciatica or legs
  ("sciatica bladder", "back pain bowel", "numb leg pee") shows the bladder advice though no
  change is said: the search may be for one, and the advice says "new". Acupuncture's bladder
  channel, tests and samples, cancers named by their organ (the cancer sign's), irritable bowel
  syndrome and an overactive bladder are not it. Likewise "chest and back pain", "back pain
  dizzy faint sudden" (sudden pain and faintness in one sentence, in any order), "sciatica
  cough", "cant lift foot", "blood urine", "spinal infection", "back pain after fall", "spinal
  fracture", "unsteady on feet", "pain between shoulder blades". Weight loss beside a back word
  counts only in a short search that says no cause ("back pain weight loss"): "I lost weight on
  a diet and my back feels better" is the everyday sentence it would otherwise alarm.
- Being unsteady on your feet (the NHS's 999 list) is how askers say it too: "off balance",
  "imbalance" (not of energy, hormones or muscles), "I felt I might fall over", "struggling to
  walk", "wobbly legs". Weakness in one leg is on none of the NHS's urgent lists (sciatica often
  weakens one leg) unless it is getting worse quickly or the foot drops, which are signs of their
  own; so "leg weakness" alone is not the both-legs sign.
- The signs and advice follow the NHS pages on back pain, sciatica and cauda equina syndrome: every
  item on their "call 999 or go to A&E" and "urgent GP appointment or NHS 111" lists is one of the
  rules below (tests/archive/test_red_flags.py names the item each phrase stands for), as is
  every item of the cauda equina warning card that NHS trusts give patients ("loss of sensation
  when you pass urine", "altered feeling when using toilet paper to wipe yourself").
- Lost feeling in the saddle area (around the back passage, genitals, inner thighs, buttocks) is
  read in the ways askers say they cannot feel there, in a sentence with the area or with wiping
  after the toilet: numb or tingling, "no feeling", "can't feel", "can hardly feel", "lost the
  feeling", "less feeling", "felt nothing", "I don't feel anything", "didn't feel the paper"
  ("I wiped myself and felt nothing down there", "no sensation between my legs"). Sitting on the
  toilet shows it only with nothing felt ("I can't feel anything when I sit on the toilet"), as
  feet and legs that go numb or tingle there are everyday; not feeling the seat shows it too ("I
  can't feel the toilet seat"). "Gone dead" is read only right beside the area or with wiping ("my
  bum's gone dead", "it feels dead down there"): phones and legs go dead too, and "dead butt
  syndrome" (buttocks weak from sitting) is not it. Feeling nothing is not the sign as an opinion
  ("I feel nothing has changed"), nothing out of the ordinary ("I felt nothing unusual"), or of a
  needle going in or a session ("I felt nothing when the needle went in my bottom", "I felt
  nothing at all after three sessions"): a needle that did not hurt, a treatment that did
  nothing. It is the sign still where the area is named before the needle ("I felt nothing in my
  bottom when the needle went in"), since a needle ("since the needle in my bum I have felt
  nothing"), or with wiping or the area after it, as the safer mistake; and "I can't feel the
  needle in my bottom" is, as not being able to feel says more than a needle that did not hurt.
  Not feeling the toilet paper is the sign with wiping said or not ("I didn't feel the loo roll"),
  but not as an opinion ("I don't feel the toilet paper is soft enough"). "Loo" is read wherever
  "toilet" is.
- Lost feeling when going to the toilet (the card's "loss of sensation when you pass urine" or "a
  bowel motion") is the bladder sign however it is said: nothing felt, or "it" or oneself not
  felt, when peeing, pooing or going to the toilet ("I can't feel it when I pee", "no feeling when
  I have a poo", "I can't feel anything when I go to the loo", "I can't feel myself having a
  poo"). "Can't feel it" is the sign, "don't feel it" is not: most often a pain not felt ("my hip
  aches but I don't feel it when I go to the loo"). Nor is numbness or pins and needles when going
  to the toilet, which legs get from sitting there (numb when passing urine or stools is the
  sign), nor "no feeling of relief".
- Lost feeling in both legs is read in the same ways as in the saddle area (SENSATION_LOSS): numb or
  tingling, "no feeling", "can't feel", "can hardly feel", "lost the feeling", "less feeling", "felt
  nothing", "I don't have much feeling", in both legs or feet, either leg, or "my legs" ("I've lost
  the feeling in both legs", "I can hardly feel my legs", "I felt nothing in either leg", "both legs
  have lost all sensation"). Either leg is read as both ("no feeling in either leg", "weakness in
  either leg"); one leg named is not the sign ("I've lost the feeling in my left leg"), as sciatica
  often numbs one. "My feet" are read as "my legs" are ("my feet are numb and tingling", "numbness
  in my feet", "numb feet"), as numbness in both feet is part of the same picture; one foot is not
  ("my foot is numb"), nor feet in a sentence that says what numbs them every day: sitting or
  kneeling on them, cold, shoes, flat feet, or neuropathy, a long-known condition of the feet
  most often of diabetes ("when I sit on the toilet my feet go numb", "my feet are always cold and
  numb", "I have diabetic neuropathy and my feet are numb"), nor feet that tingle with a needle
  or a session said ("my feet tingle after needling"), which the needle-nerve sign reads if it
  lasts; both feet named are the sign whatever the sentence says ("both feet are numb with
  cold"). "Gone dead" is read only right
  beside both legs or "my legs" ("my legs have gone dead", "gone dead in both legs"), as both
  together are not everyday: one leg that goes dead from sitting, cross-legged or on the toilet,
  is, and is not the sign. "Gone to sleep" is read the same way, right beside both legs ("both my
  legs keep going to sleep", "both feet have fallen asleep"), or of the legs again and again ("my
  legs keep falling asleep"); one leg gone to sleep, "my legs went to sleep" once, or legs gone to
  sleep from sitting or kneeling on them, are not the sign.
  As in the saddle area, feeling nothing, or not feeling the legs, is not the sign as an opinion
  ("I feel nothing has helped my legs", "I don't feel my legs are any stronger"), nor of a needle
  going in or a session ("I felt nothing in my legs during the session", "she needled my legs and
  I felt nothing"); it is where both legs or either leg are named in it or just after ("I felt
  nothing in both legs during the session", "the needles in both legs didn't hurt, I felt
  nothing"), as the safer mistake, or since a needle ("since the acupuncture I have felt nothing in
  my legs"), and that look-alike never takes another of the sign's words with it ("when the needle
  went in my legs gave way and I felt nothing").
- Fourteen signs are on none of those lists. Cancer, now or in the past, with back pain: new back
  pain can be the first sign that a cancer has spread to the spine, and NICE's guideline on spinal
  metastases and metastatic spinal cord compression (NG234) has such pain checked urgently. Words
  of cancer alone ("acupuncture for nausea during chemo") are not the sign. And thin bones
  (osteoporosis) or steroid tablets, with back pain: a bone of the spine can break after a small
  fall, a cough or nothing at all. Most back-pain guidelines list steroid use among the red flags
  for a fracture (Verhagen et al., European Spine Journal 2016; Cochrane review CD014461, 2023),
  and NHS trusts' physiotherapy pages list pain after a small knock with osteoporosis or long-term
  steroid use among the signs to be seen the same day. Steroid injections are not the sign. And
  a weakened immune system (HIV, a transplant, medicines that suppress it) or injecting drugs,
  with back pain: an infection can reach the spine, often with no fever at first. NHS
  Gloucestershire's back pain pathways (after NICE's guideline on low back pain) list
  immunosuppression and intravenous drug misuse among the signs that may suggest a spinal
  infection, and a systematic review of 2,224 cases (Yusuf, Finucane and Selfe, BMC
  Musculoskeletal Disorders 2019) found spinal infection common in people with conditions that
  weaken immunity. An HIV test, and an epidural's drugs injected into the spine, are not the sign;
  nor is diabetes, which that review names too but which too many askers have. And
  pregnancy with severe pain, bleeding, tightenings (contractions), leaking fluid or a baby moving
  less: NHS maternity units ask to be called at once for each (University Hospitals Birmingham's
  "When to call the midwife", after Tommy's "Call the midwife" poster, with 999 for heavy
  bleeding; Dorset's maternity services, for severe pain in the bump or back from 13 weeks), as
  they can mean labour starting early. Back pain alone in pregnancy is everyday and is not the
  sign, nor is a needle site that bled or a muscle's contraction; the advice names the midwife
  or maternity unit first, who know the pregnancy. A baby moving less, or the waters broken or
  leaking, say the pregnancy themselves and are the sign alone, however said: "the baby isn't
  moving as much", "hasn't moved since this morning", "I haven't felt the baby move today", "my
  waters are leaking". NHS maternity units' pages on a baby's movements (the Royal Free's, for
  one) say to call the midwife or maternity unit at once if they slow down or stop. A question
  whether the baby moves enough is not the sign, nor first movements not felt yet in a sentence
  that names a week before 24 ("I'm 18 weeks and haven't felt the baby move yet"), as the same
  pages say they come between 16 and 24 weeks; with no week named, or later, they are. And
  foot drop (a foot that drags, or whose front cannot be lifted): NHS spinal services take acute
  foot drop urgently (NHS Lothian's neurosurgical referral guidance, for one), as an early opinion
  decides whether it needs an operation, and the national back pain and radicular pain pathway has
  severe or growing weakness such as foot drop seen by a specialist. And shortness of breath, or
  pain on breathing in: a needle in the chest, upper back or shoulders can let air in around a
  lung (pneumothorax). With infections, it is the serious harm most often reported after
  acupuncture (Ernst, Lee and Choi, Pain 2011, a review of 95 cases), and the NHS National Patient
  Safety Agency's 2011 signal "Risk of harm from acupuncture treatment including pneumothorax" calls
  it a known risk. It can come on hours after the session, and a collapsed lung needs hospital
  care, so the advice is 999 or A&E. Being "out of breath" counts only with words of treatment:
  climbing stairs is not it. And a needle site that looks infected (hot, swollen, oozing, redness
  spreading): infection is the other harm that review found most often, and the NHS pages on
  cellulitis and on infected wounds send skin that is hot, swollen or oozing pus, or whose redness
  spreads, to NHS 111 or an urgent GP appointment. Hot or swollen alone is the sign when it is
  said of the place a needle went in ("where a needle went in is swollen", "swollen where the
  needle went in", "the needle site feels hot"), as the NHS's wound page and the sign's label name
  each alone; not of a knee or ankle asked about ("acupuncture for swollen ankles"), a hot flush
  or a needle warmed with moxa. Red alone, a little soreness, small red marks or a bruise are
  not: they are usual after a needle and fade, as the advice says; red with heat, swelling or
  soreness, or red spreading, is. An infection said of a needle or a session is the sign
  ("infection after acupuncture", "I think I have an infection from the needles", "needle site
  infection"), and so are "is it infected?" and "I think it's infected" anywhere in a text that
  names a needle, as askers say where a needle went in in one sentence and ask the next. An
  infection of another part ("a chest infection after acupuncture", "a kidney infection") or of
  the blood ("hepatitis") is not, as the advice is for the skin; nor is asking about the risk or
  how it is kept away ("can acupuncture cause infection?", "is there a risk of infection from
  needles?", "how do clinics prevent infection?", "infection after acupuncture is rare"). One
  said to have cleared since a session still shows it, as the safer mistake. And sudden, severe pain
  in the back or tummy with feeling dizzy, faint, sweaty or clammy: the NHS page on abdominal
  aortic aneurysm lists these as the signs of one that has burst, for which it says to call 999.
  Severe pain and feeling faint in one sentence ("I feel faint and have severe back pain") are the
  sign too, without "sudden": askers do not always say how the pain began, and both together are
  reason enough to get help now. Pain that nearly made one pass out says both ("I nearly passed
  out from the back pain", "the pain was so bad I almost blacked out"), but not from a needle
  going in or during a session. The back's pain with feeling faint or dizzy in one sentence is
  the sign however bad ("my back pain made me feel faint", "the pain in my back is so bad I feel
  dizzy"), as that page names pain in the back with feeling dizzy or fainting, and askers do not
  always say how bad; sweaty or pale with back pain alone is not, as sweats are the fever sign's.
  Not a faint of a session or a needle said in the same clause ("my back hurts and I felt dizzy
  after acupuncture", "the needles in my back made me feel faint"), nor one asked of in general
  ("can back pain cause dizziness?", "does acupuncture help back pain and dizziness?"); dizziness
  since a session, or asked of one's own ("why does my back pain make me dizzy?"), is the sign.
  None of sudden pain, severe pain or fainting during a session is the sign alone. A tearing or
  ripping pain is that sign too, alone: the NHS's page on aortic dissection (a tear in the main
  blood vessel from the heart) describes its pain, sudden and severe in the chest or upper back, as
  tearing or ripping, and says to call 999. A torn muscle in a limb ("a tearing pain in my calf"),
  "tearing up" and "the pain is tearing me apart" are not it; a tearing pain in the back on lifting,
  most often a strained muscle, is, as a few words cannot tell them apart. And blood in the pee: the
  NHS page on blood in urine sends anyone who has it to an urgent GP appointment or NHS 111, even if
  it happened once, there was only a little or they are not sure it is blood; with back pain it can
  come from a kidney stone or an infection, and it can be a sign of cancer. Blood and urine tests
  ("a blood test and a urine sample") are not the sign.
  And a headache that came on suddenly and is extremely painful: the NHS page on headaches says to
  call 999 for one, as it can mean bleeding in or around the brain, and so for a severe headache
  with feeling drowsy or confused, problems speaking, loss of vision or a stiff neck; passing out
  with one is the sign too. Askers of an acupuncture panel write about headaches and migraines
  often, so a headache needs both "sudden" and a word of severity, or "the worst ever", or one of
  those companions; pain that "suddenly stopped" is not the sign, and migraines (which askers
  describe as sudden and severe every time) are left out. "Bad", "splitting" and "blinding" are
  words of severity only of the headache itself ("a sudden bad headache", "a sudden splitting
  headache"): "bad back pain" is everyday, and not severe enough for the burst aneurysm's sign.
  "The worst headache" is the sign with or without "ever". So is a headache with a stiff neck,
  severe or not: the NHS page on meningitis names both among its symptoms and says to call 999 if
  you think you could have it. But only one headache ("a
  headache and a stiff neck"), not "headaches and a stiff neck" nor a tension headache, which
  askers of an acupuncture panel describe often, from sitting at a desk.
  And pain, numbness, pins and needles or weakness that has gone on since a needle went in ("since
  the needle in my buttock", "weeks after the acupuncture"): a needle can touch a nerve, which a
  doctor should check (NHS 111 or an urgent GP appointment, not 999). Numbness is read as a part
  not felt too ("I can't feel my foot since acupuncture", "no feeling in my leg since the
  acupuncture"), but not the pain in it ("since the acupuncture I can't feel my back pain"), which
  is pain gone. A symptom that came as the needle went in or during the session, or after it, is
  the sign when said to go on: still there, not worn off, or the feeling not come back ("my leg
  went numb during acupuncture and is still numb", "after the needles my foot has been numb").
  The tingle felt as a needle goes in, one that wore off ("my leg went numb during acupuncture
  but it wore off"), and symptoms better since ("less numbness since the acupuncture"), are not
  it; nor is "after six sessions I still have pins and needles", what a course did not mend.
  And a needle left in after the session, or a piece of one broken off under the skin ("I found a
  needle still in my back when I got home", "the needle broke and a bit is still in my skin"):
  a needle left in a patient was the incident most often reported from acupuncture to the NHS's
  National Patient Safety Agency (Wheway, Agbabiaka and Ernst, International Journal of Risk &
  Safety in Medicine 2012). Neither needle sign's advice fits it, so it has its own: a whole
  needle still in, its handle showing, the practitioner can take out; a piece under the skin is
  not to be dug for at home and needs a doctor the same day (NHS 111 or an urgent GP
  appointment). The needles left in for the session ("the needles were left in for 20 minutes",
  "while the needles are still in"), asking about it ("can a needle break?", "are needles ever
  left in?"), "pins and needles" and a needle the muscle gripped as it went in ("the needle got
  stuck in the muscle") are not the sign.
  And a burn or blister from moxa (moxibustion), a heat lamp or cupping ("the moxa burnt my skin and
  it has blistered", "cupping left blisters that are weeping", "burn from moxa"), or skin there that
  weeps or looks infected: burns are a known harm of moxa and of fire cupping, and the infected
  needle site's advice, of a needle site, does not fit them, so they have their own. The NHS page on
  burns and scalds sends to A&E a burn bigger than the hand, one that leaves the skin white or
  charred, and one that blisters on the face, hands, arms, feet, legs or genitals, and says to cool
  a burn under cool or lukewarm running water for 20 minutes; the NHS page on blisters says not to
  burst one. Any other burn that blisters, weeps or looks infected is NHS 111 or an urgent GP
  appointment, with those cases for A&E named in the advice. Cupping's round marks and bruises
  are usual and are not the sign ("cupping marks", "purple circles after cupping"), nor the
  redness and warmth moxa leaves, nor the red lines of cupping moved over the skin, nor a
  question ("can cupping cause blisters?", "does moxa burn"). A burn or blister from a heat pad,
  pack, wrap or patch, a hot-water bottle, a wheat bag or an electric blanket is the sign too ("I
  burnt my back with a hot water bottle", "blister from my heat pad"): people with back pain use
  them at home, and they burn skin that is numb, or one fallen asleep on them, without its being
  felt; the same NHS advice holds. Not one that warmed or reddened the skin as it should, a question
  ("can heat pads cause burns?"), nor a pain that burns ("the heat pad soothes the nerve pain
  burning my leg"), as sciatica's often does.
  And collapsing, passing out or blacking out ("I collapsed when I got out of bed", "my husband
  passed out", "got up and collapsed"): the NHS page on when to call 999 names loss of
  consciousness among its emergencies, and a collapse no one can explain can come from the heart
  or from bleeding inside, so it is the 999 advice whether pain is named or not. Fainting is not
  the sign alone: a faint during a session or at the sight of needles is common and, once the
  asker comes round, most often harmless ("I felt faint during the session", "I nearly fainted
  when I saw the needles", "I fainted during acupuncture"), and with severe pain or a severe
  headache it is those signs'. So neither is a collapse or passing out during a session or at the
  sight of needles, nor a near one ("I nearly collapsed"), collapsing to rest ("I collapsed on the
  sofa", "into bed") or with laughter, a disc, arches, a lung, legs, a back or a business that
  collapsed (a lung's is the breathless sign, legs' the both-legs sign), drink, nor leaflets
  "passed out". A collapse after a session, not during it ("I collapsed when I got home from
  acupuncture"), is the sign. Being unconscious is read as passing out ("I went unconscious", "he
  was unconscious for a minute", "found him on the floor unconscious"), but not for an operation
  ("I was unconscious during the operation", "under the anaesthetic").
- Not being able to poo, and not noticing when you need to, are the bowel sign (the NHS's "do not
  notice when you need to poo or cannot control when you poo"); constipation alone is on none of
  the NHS's lists and is not, nor a poo that needs straining ("can't poo without straining"),
  which is constipation, the commonest of codeine's side effects.
- Sweats with back pain ("back pain sweats", "cold sweats with the back pain"), at night ("I wake
  up drenched") or in a search of a few words ("sciatica sweating") are the fever sign: the
  NHS's "feel hot and shivery" as askers put it. Sweat of effort ("I sweat at the gym"), "no
  sweat" and "sweats" to wear are not, nor "no night sweats" and "no sweating at night" (see
  negation, above), nor hot and cold packs (heat and ice for a bad back), which are no feeling
  hot and cold.
- Legs weak or like jelly from laughing, or at a sight or a word ("my legs went to jelly when I
  saw the bill"), are the sayings, not the both-legs sign; for any other reason, or none said,
  they are the sign.
- "Can't stand" is most often the idiom ("I can't stand the pain", "can't stand needles") or a
  limit ("can't stand for long", "can't stand still"). So not being able to stand is the both-legs
  sign only when nothing follows but how or since when: "I can't stand", "unable to stand without
  help", "cannot stand or walk", "can't stand up", "I can barely stand". "Can't stand up
  straight" is a back bent with pain, not legs that fail, and is not the sign unless the legs'
  failing is said too ("my legs give way"), nor is "can't stand up for long" or "I can hardly
  stand the pain".
- Leaking, with a word of the back or legs ("back pain leaking"), is the bladder's keyword form,
  but not what else leaks: a disc, spinal fluid, a needle site.
- Pain that painkillers do not ease is the night-or-rest sign ("does not ease") only when it is
  severe or getting worse, or the painkillers "do not touch it": the NHS's back pain page sends
  pain that is very severe or getting worse to a GP, and "painkillers don't help, so I'm trying
  acupuncture" is what many askers of an acupuncture panel write. So a seed question's "severe
  pain not going away for days, even with increased dosage of prescribed painkillers, Tramadol"
  shows it. Sleep lost after a session in a sentence that names no pain ("I couldn't sleep well
  after the session") is not it either: a common reaction to the treatment.
- Asking whether acupuncture helps trouble breathing, or naming a breathing condition as its
  cause, is not the breathless sign: "acupuncture for breathing problems asthma", "does
  acupuncture help shortness of breath", "shortness of breath from my asthma", "asthma and
  breathing problems", nor a search of a few words naming acupuncture and a breathing condition
  that says no "since" or "after" ("acupuncture copd shortness of breath"). Trouble breathing
  since or after a session still is, a condition named or not ("I have asthma and since the
  needles in my shoulders I'm short of breath", "shortness of breath after acupuncture asthma").
- A red streak or line from a needle site is the infected needle site's sign: infection spreading
  along the skin.
- A stem's everyday look-alikes are kept out where they are not the sign: "number" is not
  "numb" (see above), a faint ache, "a faint click", "the faintest idea" or "faint-hearted" is not
  feeling faint, nor "a dizzying number" dizziness, nor a sweater sweating, a collapsed disc or
  arches collapsing, "paleo" pale, an agonist (a drug) agony, paint or "painless" pain, tablets
  "not easy to swallow" tablets that do not ease the pain, "needless to say" a needle, nor "a trip
  on foot" tripping over one's feet.
"""

import hashlib
import re
import re._parser as sre
from dataclasses import dataclass, field
from pathlib import Path

from archive.templatetags.call_links import call_links

EMERGENCY = "Call 999 or go to A&E now."
URGENT = "Call NHS 111, or ask your GP surgery for an urgent appointment today."

# Groups are written "(" or "(?:" alike: none captures (see non_capturing).

# Phrases within one sentence: up to this many characters between the two halves of a sign.
NEAR = r"[^.!?\n]{0,40}?"
# The same within one clause.
NEAR_IN_CLAUSE = r"[^.,;!?\n]{0,40}?"

# "Numb", "numbness", "numbing", but not "number", "numbers" or "numbered" ("the number of
# sessions for my bottom").
NUMB = r"numb(?!e?r)\w*"
# Collapsing, but not a collapsed disc or arches (flat feet), nor a collapsible walking stick.
COLLAPSED = r"collaps(?!ib)\w*\b(?! (dis[ck]s?|arch(es)?)\b)"
# Pain, but not paint or painless ("painless on both sides").
PAIN_WORD = r"pain(?!t|les)\w*"
# Not feeling, now or in the past ("cannot feel", as normalise writes "can't feel" and "couldn't
# feel", is read on its own: see CANNOT_FEEL).
NOT_FEEL = (
    r"(?:do not|don't|did not|didn't|does not|doesn't|never|no longer|hardly|barely|scarcely) feel"
)
# Nothing felt, as askers say it: "I felt nothing down there", "I don't feel anything when I
# wipe", "didn't feel the paper". Not an opinion ("I feel nothing has changed", "I feel nothing
# will help"), nor nothing out of the ordinary felt ("I felt nothing unusual", "nothing but
# relief"). Nothing felt of a needle or a session is kept out by the saddle and both-legs signs'
# ignores (see nothing_felt_of_a_needle).
FELT_NOTHING = (
    r"(?:(?:feel|feels|felt|feeling) nothing\b(?! (?:has|have|had|is|was|were|will|would|can"
    r"|could|should|seems?|seemed|works?|worked|helps?|helped|changed|happens?|happened|matters?"
    r"|else|but|more|less|much|like|new|wrong|unusual|different|special|untoward|bad|good)\b)"
    rf"|{NOT_FEEL} (?:anything|a thing|the (?:(?:toilet|loo) )?(?:paper|tissue)|the (?:toilet|loo)"
    r" roll)\b)"
)
# Nothing felt at all, not numbness or tingling (see SITTING_ON_THE_TOILET).
NOTHING_FELT = rf"({FELT_NOTHING}|no (feeling|sensation)|cannot feel (anything|a thing))"
# Not feeling the seat or chair you sit on ("I can't feel the toilet seat", "the loo seat", "I
# don't feel the chair under me"): the buttocks are numb. Not an opinion ("I don't feel the seat
# is safe"), nor a seat belt or heater.
NOT_FEELING_THE_SEAT = (
    rf"(cannot feel|{NOT_FEEL}) (the|my) (toilet |loo |car )?(seat|chair)\b"
    r"(?! (is|was|were|has|had|would|will|could|belts?|heaters?|heating|warmers?)\b)"
)
# Gone dead, as askers say numb ("my bum's gone dead", "it feels dead down there"): not "dead"
# that makes another word stronger ("my bum is dead sore", "I felt dead tired"), nor "dead on my
# feet" (worn out), nor "dead butt syndrome" (see the saddle sign's ignore). Read only right
# beside the saddle area or with wiping, or beside both legs or "my legs", not anywhere in a
# sentence with them as numbness is: a phone, a battery or a leg goes dead too ("my phone went
# dead so I couldn't ask about my bottom"), and one leg that goes dead from sitting is everyday.
GONE_DEAD = (
    r"(?:gone|go|goes|going|went|feels?|felt|feeling|is|was|are|were|been|'s)"
    r" (?:completely |totally |all |a bit |kind of )?dead\b(?! (?:tired|beat|sore|set|against"
    r"|easy|serious|sure|right|keen|good|bad|nice|lucky|funny|proud|chuffed|quiet|slow|heavy"
    r"|ahead|centre|center|end|ends)\b| on (?:my|your|his|her|their|our) feet\b"
    # Worn out by exercise ("my legs are dead after the run").
    r"| (?:after|from) (?:the |a |my |that |all )?(?:run|runs|running|jog|jogging|gym|hike|hiking"
    r"|workout|exercise|training|match|game|race|marathon|football|cycling|bike ride|squats"
    r"|dancing|leg day)\b)"
)
# Legs "gone to sleep", numb as after sitting on them: everyday for one leg, so read only right
# beside both legs ("both my legs keep going to sleep") or of the legs again and again ("my legs
# keep falling asleep"), as "gone dead" is.
GONE_TO_SLEEP = r"(?:go|goes|going|gone|went|fall|falls|falling|fell|fallen) (?:to sleep|asleep)\b"
# Words between the legs and their going to sleep: "have", "keep", "often" ("both my feet have
# gone to sleep"), not any word ("I rubbed both legs then fell asleep").
AGAIN_AND_AGAIN = r"(?:keep|keeps|kept|always|often|constantly|regularly|still)"
# Legs that go to sleep from how they were sat or knelt on ("when I sit cross-legged"): everyday.
PRESSED = r"(?![^.!?;\n]{0,40}?\b(?:sit|sits|sat|sitting|cross.legged|kneel\w*|knelt|squat\w*)\b)"
# Not being able to feel: "cannot feel", and "can't really feel", "can hardly feel", "can no
# longer feel", as "cannot feel" is.
CANNOT_FEEL = (
    r"(?:cannot feel|unable to feel|cannot (?:really|properly|fully|quite) feel"
    r"|(?:can|could) (?:hardly|barely|scarcely|no longer) feel)"
)
SENSATION_LOSS = (
    # "Num" and "numness" as askers type "numb" and "numbness" ("num bum").
    rf"(?:{NUMB}|num\b|numn\w*|tingl\w*|pins and needles|no feeling|no sensation|{CANNOT_FEEL}"
    rf"|{FELT_NOTHING}|deadness"
    # "Lost the feeling", "lost all sensation", "losing some feeling".
    r"|(?:lost|lose|losing|loss of|lack of) (?:(?:the|all|some|most|any|my|his|her|their) )?"
    r"(?:feeling|sensation)"
    # "Less feeling", "hardly any sensation", "I don't have much feeling" (not "a little feeling
    # of pressure").
    r"|(?:reduced|altered|strange|less|(?<!\ba )little|not much|hardly any|barely any)"
    r" (?:feeling|sensation)"
    r"|(?:(?:do not|don't|did not|didn't|does not|doesn't) have"
    r"|(?:have not|haven't|has not|hasn't) (?:got|had)|without) (?:any|much) (?:feeling|sensation))"
)
SADDLE_AREA = (
    # "genitals" as askers often misspell it too.
    r"(genital\w*|gentials?|genitles?|genitels?|genatals?|genetals?|jenital\w*|groin"
    r"|private (parts|area)"
    r"|back passage|anus|anal|rectum|rectal|perine\w*"
    r"|between (my |the |your |his |her |their )?(legs|thighs)|inner thighs?|vagina\w*|vulva|labia|penis|scrotum"
    r"|testicles?|bottom(?! of)|bum|buttocks|saddle"
    # As askers put it: "numb crotch", "my privates are numb", "numb backside", "numb arse".
    r"|crotch|privates|backside|butts?|arse"
    # And "willy", "fanny" (not "fanny about" or a fanny pack) and "nether regions".
    r"|willy|fanny(?! (about|around|packs?)\b)|nether regions?"
    # "down there", but not "tingling down below the knee".
    r"|down (there|below)(?!\s+(the|my|your|his|her|their|our|knees?|waist)\b))"
)
# Askers write about themselves, a relative, or (copying the NHS) "you".
WHO = r"(i|you|he|she|they|we)"
WHOSE = r"(my|your|his|her|their|our|the)"
# Altered feeling, as askers say it: "it feels different when I wipe".
FEELS_ODD = r"(feels?|felt|feeling) (\w+ )?(different|strange|odd|weird|funny)"
# What askers wipe after the toilet: themselves or their bottom, or "there".
WIPED = (
    r"(there|myself|yourself|himself|herself|themselves|after|front|((my|your|his|her|the) )?"
    rf"{SADDLE_AREA})"
)
# Wiping after the toilet: wiping yourself or your bottom, or with nothing wiped named ("when I
# wipe it feels different", "I wiped and felt nothing"), but not "wiping down the car" or "wiping
# the windows". "Wiped" with nothing named only after who wiped ("when I wiped"): "I felt odd and
# wiped" is tired.
WIPING = (
    rf"((wip(e|es|ing)|{WHO} wiped)(?=$|[^ \w]| ({WHO}|it (feels?|felt|is|was)|{WIPED}"
    rf"|and ({WHO} )?(felt|feel|feels|cannot|could|it))\b)"
    rf"|wiped(?= {WIPED}\b)|(toilet|loo) (paper|tissue|roll)\b)"
)
# Sitting on the toilet, where askers notice they cannot feel the seat: only with nothing felt
# ("I can't feel anything when I sit on the toilet", "no feeling sitting on the loo"), not
# numbness or pins and needles, which legs get from sitting there long.
SITTING_ON_THE_TOILET = (
    r"((sit|sits|sat|sitting) (down )?on (the|a) (toilet|loo)|(toilet|loo) seat)\b"
)
# Both legs or feet, or either ("I felt nothing in either leg", "I can't feel either of my feet").
BOTH_LEGS = (
    r"(?:both (?:of )?(?:my |the |his |her )?(?:legs|feet)"
    r"|either (?:of (?:my |the |his |her )?)?(?:legs?|feet|foot))"
)
# Weakness or lost feeling in the legs: lost feeling read as in the saddle area (SENSATION_LOSS:
# "lost the feeling", "can hardly feel", "felt nothing", "I don't have much feeling"), and
# "can't feel anything" or "much".
LEG_WEAKNESS = (
    rf"(?:{SENSATION_LOSS}|{CANNOT_FEEL} (?:anything|a thing|much)|weak\w*|paralys\w*"
    rf"|giv(?:e|es|ing) way|gave way|{COLLAPSED}|buckl\w*|giv(?:e|es|ing) out|gave out"
    # "Getting number" as more numb, but not "a growing number of".
    r"|(?:getting|growing|gone|grown|got) number\b(?! (?:of|one|two|\d+)\b)"
    r"|(?:lost|loss of|losing) (?:strength|power|the use)|cannot (?:move|lift))"
)
# The legs not felt ("I can hardly feel my legs", "I don't feel my feet"): not an opinion ("I
# don't feel my legs are any stronger").
LEGS_NOT_FELT = (
    rf"(?:{CANNOT_FEEL}|{NOT_FEEL}|cannot move)"
    rf" (?:{BOTH_LEGS}|(?:my |his |her |the )?(?:legs|feet))\b"
    r"(?! (?:is|are|was|were|has|have|had|will|would|could|can|should|seems?|seemed|get|gets"
    r"|getting|got|ache|aches|aching|hurt|hurts|hurting)\b)"
)
# "My feet", both feet, read as "my legs" are (numb, tingling, weak, lost feeling: "my feet are
# numb and tingling", "numbness in my feet", "numb feet"), but not one foot ("my foot is numb"),
# which sciatica often numbs. Not feet as a length ("50 feet", "a few feet", "six feet tall"), nor
# on, off or to one's feet.
FEET = (
    "".join(
        rf"(?<!\b{before} {whose} )"
        for before in ("on", "off", "to")
        for whose in ("my", "his", "her", "your", "their", "our", "the")
    )
    + r"(?<!\d )(?<!\d)(?<!\bfew )feet\b(?! (tall|high|long|away|deep|wide|apart)\b)"
)
# What numbs feet or makes them tingle every day, read in the feet's sentence: sitting, kneeling
# or squatting on them (as PRESSED), cold, shoes, flat feet, and neuropathy, a long-known
# condition of the feet, most often of diabetes. Both feet named are the sign whatever the
# sentence says (see BOTH_LEGS).
FEET_EVERYDAY = (
    r"(sit|sits|sat|sitting|cross.legged|kneel\w*|knelt|squat\w*|cold|colder|freezing|frozen"
    r"|snow|chilblains?|shoes?|boots?|trainers|laces|flat.(feet|footed)"
    r"|(fallen|collapsed|collapsing) arch(es)?|neuropath\w*|diabet\w*"
    r"|(?<!pins and )needl\w*|acupunctur\w*|sessions?|treatments?)"
)
# Lost feeling or weakness in "my feet", read once from each sentence that names feet and
# nothing of FEET_EVERYDAY, as the legs are; nor a needle or a session in it ("my feet tingle
# after needling"), as feet that tingle or go numb since one are the needle-nerve sign's.
MY_FEET = (
    rf"(?:^|(?<=[.!?\n]))(?=[^.!?\n]*\bfeet\b)(?![^.!?\n]*\b{FEET_EVERYDAY}\b)[^.!?\n]*?"
    rf"(\b{LEG_WEAKNESS}\b (in|of|down|to) (my |the |his |her )?{FEET}"
    rf"|\b{FEET} (are|feel|feels|felt|have|keep|went|go|going)? ?(\w+ ){{0,2}}?{LEG_WEAKNESS}"
    rf"|\b(numb|num|tingly|paralysed|paralyzed) {FEET})"
)
# Words the both-legs sign reads besides lost feeling and weakness: both legs or either, pain,
# sciatica, balance, walking, standing, falling, wobbly or jelly legs, dead legs, legs that give
# out from under or will not hold. A look-alike removed before the sign is read never takes one
# with it (see nothing_felt_of_a_needle).
LEGS_SIGN_WORD = (
    rf"(?:{LEG_WEAKNESS}|both|either|each|bilateral|{PAIN_WORD}|ach|hurt|sciatic|nerve|shooting"
    r"|(?:im)?balance|unsteady|wobbl|jelly|walk|stand|fall|dead|from under|hold|support|carry)"
)
PERSON = (
    r"(mum|mom|mother|dad|father|husband|wife|partner|son|daughter|boy|girl|child|kid|baby"
    r"|brother|sister|gran|granny|grandma|grandmother|grandad|grandpa|grandfather|nan|nana|aunt"
    r"|uncle|friend|neighbour|neighbor|boyfriend|girlfriend|fiancee?|patient|colleague|man"
    r"|woman|lady)"
)
# How someone fell, after "fell", "fallen" or "falling": "off a ladder", "down the stairs".
FELL_HOW = (
    r"(off|down|from|over|onto|backwards|forwards|out of|heavily|awkwardly|hard"
    r"|in the (bath|shower)|on (my|the|to|some|a|an) )"
)
# Words that fall without being a person, written with no "the" or "my" before them ("snow
# fell", "christmas fell on a monday", "it fell off"): any other lone word before "fell" is taken
# for a name ("tom fell off his bike"), as a missed fall costs more than a needless warning.
NOT_A_FALLER = (
    r"(it|this|that|these|those|which|what|something|everything|nothing|anything|all|one|some"
    r"|leaves|snow|rain|hail|sleet|frost|ice|tiles|slates|branches|dust|ash|rocks?|stones?|tears"
    r"|night|darkness|dusk"
    r"|silence|prices?|costs?|sales|shares|stocks|profits|rates|numbers|scores|levels"
    r"|temperatures?|pain|weight|swelling|christmas|easter|ramadan|eid|diwali|hanukkah"
    r"|thanksgiving|halloween)"
)
# How a person fell, after a lone word taken for a name ("tom fell off his bike"): only what
# people fall off, down, on or from, or what a fall does, as "cholesterol fell from 7 to 5",
# "stiffness fell off" or "food fell on the floor" name no person.
NAMED_FALL_HOW = (
    r"(off (a|the|his|her|their|my|our) (bike|bicycle|motorbike|horse|pony|ladder|chair|stool"
    r"|steps?|wall|roof|bed|bunk bed|trampoline|scooter|skateboard|swing|bus|kerb|curb|stage)"
    r"|down (the|a|some|\w+ flights? of) (stairs|steps|hill|bank|slope)"
    r"|(over|down|backwards|forwards|heavily|awkwardly)( *$|[.!?,;\n]| and\b| at\b| in\b"
    r"| while\b| when\b)"
    r"|and (hurt|broke|injured|landed|hit|banged|bruised|twisted|cracked|cut|jarred)"
    r"|at (work|home|school|the gym|the shops|the park)"
    r"|on (the|some) (ice|stairs|steps|pavement|path|road|pitch)"
    r"|in the (bath|shower|garden|street)"
    r"|from (a|the) (ladder|horse|height|roof|tree|wall|trampoline|bunk bed|bed)"
    r"|while (walking|running|climbing|playing|skiing|cycling|riding)"
    r"|[.!?]| *$)"
)
# Relatives whose names hold a word of PERSON: "grandson" is not "son".
FAMILY = r"(grand|step|god)(son|daughter|child|children|kids?|mum|mom|dad|mother|father)s?"
# A person, or a part of one, that something fell on.
FALLEN_ON = (
    rf"me(?! to\b)|him|us|them|you|{WHOSE} ({PERSON}'s )?"
    r"(head|back|neck|spine|shoulders?|foot|feet|legs?|arms?|hips?|chest)"
)
QUICKLY = (
    r"(quickly|rapidly|fast|by the (hour|day)|day by day|hour by hour|(every|each) (day|hour))"
)
# Wetting or soiling oneself, as askers put it politely.
SOILED = r"\baccidents? in (my|his|her|their|the) (pants|underwear|trousers|knickers|bed)\b"
# Passing urine, or stools too, as askers and the cauda equina warning card word it.
URINATING = r"(urinat\w*|peeing|pee|pass(ing)? (urine|water)|(the )?flow of urine)"
# "Bowl" and "bowls" as askers often type "bowel" and "bowels" (words of English, which the
# correction of typos leaves alone).
BOWEL = r"(bowel|bowl)"
PASSING = rf"({URINATING}|pass(ing)? (a )?({BOWEL} motion|stools?)|{BOWEL} (motion|movement)s?)"
# Going to the toilet, or peeing or pooing there, after "when I": "go to the loo", "have a poo",
# "open my bowels", "peeing". Not "weed" (the garden's), nor passing wind.
GOING_TO_THE_TOILET = (
    r"((go|goes|going|went|been) (to the (toilet|loo|bathroom|lavatory)|for a (pee|wee|poo))"
    r"|(use|uses|used|using) the (toilet|loo|bathroom|lavatory)"
    r"|(have|has|had|having|do|does|did|doing) a (pee|wee|poo|poop|bowel (movement|motion))"
    rf"|{URINATING}|pees|peed|wee|wees|weeing|poo|poos|pooed|pooing|poop|poops|pooped|pooping"
    rf"|pass(es|ed|ing)? (a )?({BOWEL} motion|stools?)"
    r"|open(s|ed|ing)? (my|his|her|their|your|the) bowels)\b"
)
CANNOT = r"(cannot|unable to|inability to|not able to)"
# After "strain": straining on the toilet, not to reach something or a back strained.
ON_THE_TOILET = (
    r"\b(?! (to (?!(poo|pee|wee|go|empty)\b)|my|your|his|her|their|the|a|an|it|myself|against|at"
    r"|with|over)\b)"
)
SEX = (
    r"(sex|sexual\w*|intercourse|making love|love life|erections?|erect|in bed|bedroom|viagra"
    r"|sildenafil)\b"
)
CANCER = (
    r"(cancers?|carcinoma|lymphoma|leuka?emia|myeloma|melanoma|sarcoma|tumou?rs?|chemo(therapy)?"
    r"|radiotherapy|radiation therapy|metasta\w*|mets|secondaries|oncolog\w*)"
)
# "Backache" and "backpain" as askers often type them.
BACK = r"(back(ache|pain)?|spine|spinal|sciatica|lumbar|vertebra\w*)"
# The back's pain, not the back alone ("a sweaty back").
BACK_PAIN = r"(back ?(pain|ache)s?|backache|sciatica|spinal|spine|lumbar)"
THIN_BONES = (
    r"(osteoporo\w*|osteopeni\w*|(brittle|thin|thinning|weak|fragile) bones|bone thinning"
    r"|low bone density)"
)
# Steroid tablets, not the steroid injections many askers have had for sciatica.
STEROID_TABLETS = (
    r"(prednisolone|prednisone|dexamethasone|steroid (tablets|pills)|(oral|long.term) steroids"
    r"|(on|taking|take|takes|taken|took) steroids)"
)

# A weakened immune system, and injecting drugs (the street's sense: not an epidural's drugs
# injected into the spine, nor steroid injections), which let an infection reach the spine.
WEAK_IMMUNITY = (
    r"(hiv|immuno ?(suppress\w*|compromis\w*|deficien\w*)"
    r"|(weak|weakened|weaker|low|poor|suppressed|compromised) immune( system)?"
    r"|immune system (is |has been |was )?(weak|weakened|low|suppressed|compromised)"
    r"|(organ|kidney|liver|heart|lung|bone marrow|stem cell) transplant"
    r"|transplant (patient|recipient)"
    r"|methotrexate|azathioprine|ciclosporin|cyclosporine|tacrolimus|mycophenolate|adalimumab"
    r"|humira|infliximab|etanercept|(anti-?tnf|biologic) (drugs?|medicines?|medication|treatment)"
    r"|tuberculosis)"
)
INJECTING_DRUGS = (
    r"((inject|injects|injected|injecting) (street |illegal |recreational )?drugs\b"
    r"(?! (into|in|to)\b)"
    r"|(iv|intravenous) drugs? (use|user|users|misuse|abuse)|heroin|drug users?"
    # Steroids injected oneself, as at a gym ("I inject steroids"), not a doctor's injection.
    r"|(i|he|she|they|we) (inject|injects|injected|am injecting|have been injecting|was injecting)"
    r" (anabolic )?(steroids|testosterone|anabolics))"
)


def both_anywhere(one, other):
    """A pattern for `one` and `other` anywhere in a text, in either order: lookaheads from its
    start, one pass over the text each, where ".*" after each of a long text's many back words
    would read the rest of it again for each."""
    return rf"(?s:\A(?=.*?\b{one})(?=.*?\b{other}))"


def a_sentence_naming(*words, unless=None):
    """A pattern for a whole sentence that holds each of `words`, for an ignore that takes out a
    sentence whose signs have another cause, whichever side of `words` they are said; not one
    that also holds `unless`, which says they may not be of that cause after all. It starts only
    where a sentence does, so that a sentence is read from its start, not again from each of its
    letters, and looks for `unless` only in a sentence that holds `words`."""
    held = "".join(rf"(?=[^.!?\n]*{word})" for word in words)
    kept = rf"(?![^.!?\n]*{unless})" if unless else ""
    return rf"(^|(?<=[.!?\n])){held}{kept}[^.!?\n]*"


GROWING = r"(getting|growing|becoming|became|become|gone|grown|got)"
# Pain that comes on suddenly and badly, and feeling faint with it (a burst aneurysm).
SUDDEN = r"(sudden(ly)?|all of a sudden|out of (nowhere|the blue))"
SEVERE = (
    # "Sever" as askers often type "severe" (a word of English: the correction leaves it alone).
    # "Agonising", not an agonist (a drug: "a GLP-1 agonist").
    r"(severe|sever|terrible|excruciating|tearing|ripping|unbearable|agon(y|i(?!sts?\b)\w*)|intense|worst"
    r"|really bad|awful|extreme|(extremely|very|really) (bad|painful|severe))"
)
# Either order: "sudden, severe pain", "really bad pain came on suddenly".
SUDDEN_SEVERE = rf"({SUDDEN}\b[^.!?\n]{{0,30}}?\b{SEVERE}|{SEVERE}\b[^.!?\n]{{0,40}}?\b{SUDDEN})"
# "severe back pain", "really bad tummy and back pain", "the pain in my back is terrible".
SEVERE_PAIN = rf"({SEVERE}\b[^.!?\n]{{0,30}}?\bpain|pain\b[^.!?\n]{{0,30}}?\b{SEVERE})"
# Pregnancy, and the signs in it that a maternity unit wants to hear of at once.
PREGNANT = (
    r"(pregnant|pregnancy|expecting (a baby|twins)|weeks gone|trimester"
    r"|(my|baby) bump\b(?! (on|in|at|near|under)\b)"
    # "I'm 38 weeks", not "I'm 3 weeks into the treatment" nor "6 weeks post surgery".
    r"|(i'm|i am|im|she's|she is) \d{1,2}(\+\d)? weeks\b"
    r"(?! (ago|into|in|post|after|since|out|of|on)\b))"
)
# The waters broken or leaking, as askers say it: "my waters have broken", "I think my waters
# are leaking", "my waters might have gone".
WATERS = (
    r"waters? ((has|have|had|are|is|were|was|keep|keeps|(might|may|could) (have|be)"
    r"|(has|have) been) )?"
)
# The baby not felt to move ("I haven't felt the baby move today", "I can't feel my baby moving").
BABY_NOT_FELT = (
    r"(not|never|haven't|hasn't|hadn't|didn't|don't|doesn't|cannot|hardly|barely)( been| really)?"
    r" (felt|feel|feeling) ((the|my|our|her) )?baby('s)? (move|moves|moving|movements?|kick\w*)\b"
)
# A baby moving less than it did, which a maternity unit wants to hear of at once ("the baby
# isn't moving as much", "I haven't felt the baby move today", "my baby hasn't moved"); not a
# question whether it moves enough ("is the baby moving as much as it should?"). Not felt "yet"
# may be first movements still awaited, which NOT_FELT_YET reads; not felt "yet today" is the sign.
BABY_MOVING_LESS = (
    r"\b(baby('s)? (((is|has|was|has been|been) )?(not|isn't|wasn't|hasn't been|has not been"
    r"|hardly|barely) moving|((is|has been|been) )?moving less|(has )?stopped moving"
    r"|(hasn't|has not|hadn't|had not) (moved|kicked)"
    r"|(doesn't|does not|didn't|did not) (move|kick)( around)? (as much|much|as often|any ?more))"
    rf"|{BABY_NOT_FELT}(?! yet\b(?! (today|tonight|this|since)\b))"
    # "My baby's movements have slowed down", "baby movements have reduced", "the baby has been
    # much quieter than usual".
    r"|baby('s)? movements? (have |has |had |are |is |seem to have |have been )?(slowed|slowing"
    r"|reduced|reducing|decreased|decreasing|lessened|stopped|changed|fewer|less)"
    r"|baby('s)? ((has|have) been|is|was|seems?|seemed) (\w+ )?(quieter|less active|not as active"
    r"|not as lively|very quiet|really quiet|unusually quiet))"
)
# "Not felt the baby move yet" is the sign unless its sentence names a week before 24, as first
# movements come between 16 and 24 weeks ("I'm 18 weeks and haven't felt the baby move yet"). Read
# from a sentence's start, and on only in a sentence that names a baby, as the search for its
# words at each of a sentence's letters is what costs.
FIRST_MOVEMENTS_NOT_YET_DUE = r"\b([1-9]|1\d|2[0-3])(\+\d)? weeks\b"
NOT_FELT_YET = (
    r"(?:^|(?<=[.!?\n]))(?=[^.!?\n]*?\bbaby)"
    rf"(?![^.!?\n]*{FIRST_MOVEMENTS_NOT_YET_DUE})[^.!?\n]*?\b{BABY_NOT_FELT} yet\b"
)
IN_PREGNANCY_URGENT = (
    rf"({SEVERE_PAIN}|\bbleed\w*|\bspotting\b|\bcontractions?\b|\btightenings?\b"
    rf"|\b{WATERS}(broken|broke|breaking|went|gone|leak\w*)|\bleaking (fluid|waters?)"
    r"|\b(reduced|fewer|less|no) (fetal |foetal )?movements\b)"
)

# A tearing or ripping pain (a torn aorta, or aortic dissection), with only words of where and how
# bad between ("a sudden, sharp tearing pain in my back", "ripping back pain"): not "tearing up"
# (crying), "ripping up the carpet", nor a torn muscle in a limb ("a tearing pain in my calf").
TEARING_PAIN = (
    r"(tearing|ripping),?( (and )?(sudden|severe|sharp|stabbing|burning|intense|awful|terrible"
    r"|back|chest|tummy|stomach|abdominal|upper|lower|mid|middle|kind of|sort of|type of),?){0,3}"
    r" (pain|pains|sensation|feeling)\b(?! in (my|the|his|her|your|their) (left |right )?(calf"
    r"|calves|hamstrings?|knees?|ankles?|achilles|heels?|feet|foot|toes?|fingers?|hands?|wrists?"
    r"|elbows?|arms?)\b)"
)
# Feeling faint, but not faint as slight, of a pain or a mark ("the pain has faded to a faint
# ache", "faint dull ache in my lower back"), nor "the faintest idea", "faintly red" or "not for
# the faint-hearted". "A faint" or "the faint" before a word is slight ("a faint click in my
# back"), but for a faint feeling, spell, fit or turn, or "and" ("I had a faint and hurt my back").
FAINT = (
    r"faint(?!est|ly|.?heart)\w*\b(?! ((dull|sharp|nagging|niggling|lingering|low|lower|upper|mid"
    r"|back|burning|throbbing|aching|tingling|residual|constant|background) )?(ache|aches|aching"
    r"|backache|pain|pains|twinges?|niggl\w*|throb\w*|bruis\w*|marks?|lines?|tingl\w*|red\w*|pink"
    r"|idea|smell)\b)"
    r"(?!(?:(?<=\ba faint)|(?<=\bthe faint)) (?!(and|or|but|feeling|spells?|fits?|turns?)\b)[a-z])"
)
FAINTNESS = (
    # Not a sweater or sweatshirt, nor a paleo diet (a word of the rules in the lookahead, so that
    # it is not put right to "pale").
    rf"({FAINT}|dizz\w*|light.?headed|sweat(s|y|ing|ed)?\b|clammy|(?!paleo)pale\b|passed out"
    rf"|pass(ing)? out|{COLLAPSED})"
)
# Passing out as a near thing: "I nearly passed out", "almost blacked out".
NEARLY_OUT = r"(passed out|blacked out|fainted|collapsed)"
# Feeling faint or dizzy, as said with the back's pain however bad (see the burst aneurysm's
# sign): not sweaty, pale or clammy, which are its signs only with severe or sudden pain, nor "a
# dizzying number".
FEELING_FAINT = (
    rf"({FAINT}|dizz(?!ying\b)\w*|light.?headed\w*|woozy|(going|about) to (pass|black) out"
    r"|like (i'm |i am )?(passing|blacking) out)"
)
# The back's pain, as a sentence says it with feeling faint: a word of the back, and one of pain
# ("my back is killing me", "backache").
BACK_HURTING = (
    rf"(?=[^.!?\n]*\b{BACK}\b)(?=[^.!?\n]*(\b({PAIN_WORD}|aches?\b|aching|hurt\w*|sore\b|agony"
    r"|killing|sciatica)|backache|backpain))"
)
# A stiff neck, as askers say it.
STIFF_NECK = (
    r"(stiff neck|neck stiffness|neck (is|feels|felt|was|has been|has gone|went) (\w+ )?stiff)"
)
# A headache, not a migraine: askers describe their usual migraines as sudden and severe.
HEADACHE = (
    r"(headache|head (pain|ache)|pain in (my|the|his|her|their) head"
    r"|(my|his|her) head (hurts|is (pounding|throbbing|splitting)))"
)
SEVERE_HEADACHE = rf"({SEVERE}\b{NEAR}\b{HEADACHE}|{HEADACHE}\b{NEAR}\b{SEVERE})"
# With a severe headache, the NHS's 999 list has feeling drowsy or confused, problems speaking,
# loss of vision and a stiff neck; passing out is here too. "Confused about" asks a question.
WITH_SEVERE_HEADACHE = (
    rf"({FAINT}|passed out|pass(ing)? out|blacked out|{COLLAPSED}|drows\w*"
    r"|confus(ed|ion)\b(?! (about|by|as to|whether|why|what|how|over))|slurr\w*"
    r"|(problems?|trouble|difficulty) (speaking|talking|remembering)"
    r"|(lost|losing|loss of|lose) (my |his |her )?(sight|vision)|cannot see"
    rf"|(blurred|blurry|double) vision|{STIFF_NECK})"
)
# The signs of a stroke (the NHS's face, arms and speech), which a needle or manipulation in the
# neck can rarely bring on by tearing an artery. A face or mouth dropped on one side: not eyelids
# (they droop with age), not sagging skin (a cosmetic treatment's word), not a face that fell (a
# look of dismay), and not of a Bell's or facial palsy named in the sentence, but for a droop
# that came on within hours or suddenly (see PALSY_OF_THE_PAST).
DROPPED = r"(dropped|drooped|droop(s|ing|y)?|lopsided|(gone|pulled|twisted) to one side)"
FACE = r"(face|mouth|smile)"
PALSY = r"\b(bell'?s|facial|face) palsy\b"
ONE_SIDE = r"(one|the left|the right|my left|my right|his left|his right|her left|her right)"
ONE_SIDE_OF_THE_BODY = rf"{ONE_SIDE} side of (my|his|her|their|the) (body|face)"
SLURRED = r"(slurr(ed|ing)|garbled|jumbled)"
# A stroke of the past and what it left ("weakness down one side of my body since my stroke",
# "I had a stroke two years ago"), not one just had or feared.
STROKE_OF_THE_PAST = (
    r"\b((since|after|from|following) (my|his|her|their|a|the) (mini[- ]?)?strokes?\b"
    r"|(mini[- ]?)?strokes? (\w+ ){0,4}?(years?|months?|weeks?) ago\b|stroke survivors?)"
)
# A sign said to be new, now or back in a sentence that names a stroke of the past: a new stroke
# perhaps, not what the old one left ("after my stroke last year I recovered well, but this
# morning my face suddenly dropped", "since his stroke he's been fine, now his speech is slurred
# again"). Not "a sudden stroke" (the old one's).
# Within hours: a face drooped this morning may be a stroke, whatever the asker takes it for.
JUST_NOW = (
    r"(today|tonight|this (morning|afternoon|evening)|last night|yesterday|just now"
    r"|(minutes?|hours?) ago)"
)
# A palsy named with weeks or more behind it ("came on suddenly two weeks ago", "for a year"): its
# droop is what the palsy left. One named with no such time and a droop that came on suddenly
# may be a stroke: the NHS's page on the palsy says to call 999 for a face that droops on one
# side, and that a stroke's signs, unlike the palsy's, usually come on suddenly.
PALSY_OF_THE_PAST = (
    r"\b((\w+ ){0,2}?(weeks?|months?|years?) ago|(for|over) (the (last|past) )?(\w+ ){0,2}?"
    r"(weeks?|months?|years?)|since (last )?(week|month|year|christmas|(19|20)\d\d))\b"
)
# A palsy asked about, or only thought of, not one a doctor has named ("is it Bell's palsy?", "I
# think it's Bell's palsy", "do I have facial palsy?"): a face that droops may be a stroke,
# whatever the asker takes it for.
PALSY_ASKED = (
    r"((is|could|might|may|would|can) (it|this|that) (be |have been )?"
    r"|(do|does|could|might|have|has) (i|he|she|they|you) (have |got |had )"
    r"|(think|thought|wonder\w*|worried|afraid|scared|fear\w*|suspect\w*|guess\w*|maybe|perhaps"
    r"|possibly)( \S+){0,3}? )(a |an )?(case of |touch of )?(bell'?s|facial|face) palsy\b"
)
SAID_NEW = (
    rf"\b({SUDDEN}\b(?! (mini[- ]?)?strokes?\b)|{JUST_NOW}"
    r"|since (last |this )?(night|week|weekend|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday)"
    r"|(another|new) (mini[- ]?)?strokes?"
    r"|(new|fresh) (\w+ )?(weakness|numbness|tingl\w*|droop\w*|slurr\w*|symptoms?|signs?)"
    r"|(is|are|it's|that's) (all |completely |totally |quite )?new\b"
    # A sign starting, not a treatment or the back's pain ("my back pain started last month").
    r"|(it|this|they|which|weakness|numbness|tingling|droop\w*|slurr\w*|symptoms?|signs?|face"
    r"|mouth|arm|body|side|speech)"
    r" (has |have |had |just |only |first )?(started|began|begun|came on|come on|comes on)\b"
    r"|(started|starting|starts|began|begun|begins) (to (droop|drop|slur|sag|go numb|go weak)"
    r"|(droop|dropp|slurr|sagg)ing)"
    # A sign worse than the old stroke left it, not the back's pain ("my back pain is worse").
    r"|(it|this|they|weakness|numbness|tingling|droop\w*|slurr\w*|face|mouth|speech|side|arm)"
    r"('s| is| are| has| have)?( been)?( (got|gotten|getting|become|becoming|grown|growing))?"
    r" (much |a lot |even |far )?(worse|worsen\w*)"
    # Not "again" of doing something once more, as recovery is said ("I can walk again",
    # "learning to talk again").
    r"|(?<!walk )(?<!walking )(?<!talk )(?<!talking )(?<!speak )(?<!speaking )(?<!smile )"
    r"(?<!smiling )(?<!drive )(?<!driving )(?<!work )(?<!working )(?<!normal )(?<!normally )"
    r"(?<!myself )(?<!himself )(?<!herself )again)\b"
)
# A severe allergic reaction (the NHS's anaphylaxis page): lips, tongue or throat swelling, a
# throat tight or closing, blue lips or tongue.
SWELLING_UP = r"(swell\w*|swollen|puff\w*( up)?|blow\w* up|closing( up)?)"
THROAT_TIGHT = r"(throat (\w+ ){0,2}?(tight\w*|closing)|tight(ness in the|ness of the)? throat)"
ALLERGY_SWELLS = r"(lips?|tongue|throat|mouth)"
ALLERGIC = r"(allerg\w*|hives|anaphyla\w*)"
# Pain that stopped suddenly is not pain that started suddenly.
SUDDENLY_EASED = (
    rf"\b{SUDDEN}\b (\w+ ){{0,2}}?(stopped|went away|gone|disappeared|eased|improved|better"
    r"|cleared|vanished|lifted|relieved)\b"
)
# Where the needles went in, and how an infected needle site looks: a question about the risk of
# infection ("can needles cause infection?") is not the sign, a site that looks infected is.
# A needle, not "needless to say".
NEEDLE = r"needl(?!ess)\w*"
NEEDLED = rf"({NEEDLE}|acupuncture|puncture)"
NEEDLE_SITE = r"(sites?|points?|marks?|spots?|wounds?|holes?|areas?)"
# The place a needle went in, named: "where the needle went in", "where he put the needles",
# "where I was needled", "the needle site", "acupuncture points".
WHERE_NEEDLED = (
    rf"(where (\w+ ){{0,3}}?{NEEDLE} (went|go|goes|gone|were|was|are|is|had been|have been"
    r"|entered)( (in|into|put in|inserted|placed|stuck in))?"
    rf"|where (\w+ ){{0,2}}?(put|inserted|placed|stuck) (\w+ ){{0,3}}?{NEEDLE}"
    rf"|where (\w+ )?(was|were|got|been|is|am) needled|{NEEDLED}( insertion)? {NEEDLE_SITE})\b"
)
# One feature of an infected site that shows the sign alone (the NHS's infected wound: hot,
# swollen), said of the site: not small red marks, a bruise or a little soreness, which are usual.
# Not a hot flush, a hot-water bottle or hot needles (warmed with moxa).
HOT_OR_SWOLLEN = (
    r"(hot\b(?! (flush\w*|flash\w*|water|drinks?|baths?|packs?|compress\w*|stones?|moxa|lamps?"
    rf"|cupping)\b| needles?\b(?! {NEEDLE_SITE}))"
    r"|swollen|swelling|swelled|swells|puffy|puffed up|inflamed)"
)
# What is said of the site between it and the feature: "is", "on my back has got", "is still a
# bit".
SAID_OF_SITE = (
    r"( \w+){0,3}?( (is|are|was|were|looks?|looked|feels?|felt|has|have|had|got|gone|getting"
    r"|gets|become|becomes|became|seems?|seemed|still|now)|'s|'re)( \w+){0,3}?"
)
# Parts of the body an infection named by its part is of ("a chest infection", "a water
# infection", "an infection in my ear"), and infections of the blood a needle can carry, which
# are asked about as a risk ("hepatitis infection from needles"): not the skin where a needle went
# in.
OTHER_INFECTED_PARTS = (
    "chest", "kidney", "kidneys", "urine", "urinary", "tract", "bladder", "water", "ear",
    "ears", "throat", "sinus", "tooth", "teeth", "dental", "gum", "eye", "eyes", "lung",
    "lungs", "spinal", "spine", "disc", "bone", "joint", "yeast", "fungal", "viral", "bowel",
    "stomach", "tummy", "gut", "womb", "pelvic", "vaginal", "prostate", "blood",
    "respiratory", "nail", "toenail", "thrush", "covid", "virus", "hepatitis", "hep", "hiv",
    "borne",
)  # fmt: skip
# An infection, but not one of another part ("a chest infection after acupuncture"): the parts
# looked for behind only where an infection is.
AN_INFECTION = (
    r"(?=infection)" + "".join(rf"(?<!{part} )" for part in OTHER_INFECTED_PARTS) + r"infections?\b"
)
OF_ANOTHER_PART = rf"(?![^.,;!?\n]{{0,40}}?\b({'|'.join(OTHER_INFECTED_PARTS)})\b)"
# A needle or a session, as an infection is said to be from one: "from the needles", "after my
# acupuncture", "since the session", "at the acupuncture point".
FROM_A_NEEDLE = (
    r"(from|after|since|following|caused by|because of|due to|at|in|on|around|of)"
    rf" (the |my |a |an |last |his |her |this |that |each |one of the )?(\w+ )?({NEEDLED}"
    r"|needling|sessions?)\b"
)
# A place asked or said to be infected, in words that do not name it ("is it infected?", "I think
# it's infected", "could this be infected?"): the needle site's sign anywhere in a text that names
# a needle or acupuncture, as askers say where the needle went in one sentence and ask the next.
IT_INFECTED = (
    r"((is|are|could|might|may|does|do) (it|this|that|they|these)( \w+)? (be |look |looks |seem )?"
    r"infected|(it|this|that|they|these)('s|'re| is| are| looks?| seems?| might be| could be"
    r"| may be| must be| has got| has become| got| became)( \w+)? infected)\b"
)
# Asking about the risk of infection, or how it is kept away ("can acupuncture cause
# infection?", "is there a risk of infection from needles?", "how do clinics prevent
# infection?", "infection after acupuncture is rare"): not an infection the asker has.
INFECTION_RISK = (
    r"\b((risks?|chances?|likelihood|dangers?|possibility|odds|rates?|incidence) of (an |a |any"
    r" |getting |catching |developing )?(\w+ )?infections?"
    r"|infections? (risks?|control|prevention|rates?)"
    r"|(prevent|avoid|reduce|minimi[sz]e|lower|protect\w* against|guard\w* against)\w*"
    r"( \w+){0,3}? infections?"
    r"|(can|could|does|do|will|would|might|may)( \w+){1,4}? (cause|give|lead to|spread"
    r"|transmit|pass on|result in|bring) (\w+ ){0,2}?infections?"
    r"|(can|could|do|does|will|would|might|may|possible to|likely to)( you| one| people| anyone"
    r"| someone| patients| i| we)?( ever)? (get|catch|pick up|develop) (\w+ ){0,2}?infections?"
    r"|how (likely|common|often|rare|usual)( \w+){0,5}? infections?"
    r"|infections?( \w+){0,4}? (is|are) (very |extremely |really |quite |so )?(rare|uncommon"
    r"|unusual|unlikely|low|minimal))\b"
)
# A needle or a session, and what is done at one.
TREATED = rf"({NEEDLE}|acupuncture|sessions?|treatments?|cupping)"
# Where a faint is common and most often harmless: a session, a needle, an injection, a blood test.
AT_A_SESSION = rf"({TREATED}|acupunctur\w*|appointments?|moxa\w*|injections?|blood tests?)"
# Feeling faint of a session or a needle, in one clause ("I felt faint when the needles went in",
# "light-headed after my session", "the needles made me dizzy", "can acupuncture for lower back
# pain cause imbalance and dizziness"): not since one ("dizzy since the session"), which is no
# passing faint.
FAINT_OF_A_SESSION = (
    rf"({FEELING_FAINT}\b{NEAR_IN_CLAUSE}\b(when|as|once|while|during|after|at|in|from|with"
    rf"|following|through|by)\b{NEAR_IN_CLAUSE}\b{AT_A_SESSION}\b"
    rf"|\b(when|as|once|while|during|after|at|in|from|with|following|by)\b{NEAR_IN_CLAUSE}"
    rf"\b{AT_A_SESSION}\b{NEAR_IN_CLAUSE}\b{FEELING_FAINT}"
    rf"|\b{AT_A_SESSION}\b (\w+ ){{0,4}}?(made|make|makes|making|left|leave|leaves|got|get|gets"
    rf"|caus\w*|giv\w*|gave) (\w+ ){{0,3}}?{FEELING_FAINT})"
)
# A treatment asked of, whether it helps, treats or is good for what follows ("does acupuncture
# help", "is acupuncture safe for", "acupuncture for"): a question, not a sign the asker has.
TREATMENT_HELPS = (
    r"(acupuncture|needling|cupping|moxa\w*|tcm|chinese medicine)( (does|do|can|could|will|would"
    r"|really|ever|actually|also|is|be|still|treatments?|sessions?))*( (help|helps|helped|helping"
    r"|treat|treats|ease|eases)( with| for)?| (works?|good|effective|useful|safe|ok|okay)"
    r" (for|with)| for)"
)
# Not the asker's own: a word but "i", "me", "my" and the like.
NOT_ONES_OWN = r"(?!(i|i'm|me|my|mine|he|she|his|her|him|we|our|us)\b)\w+"
# Asked of the back's pain in general ("can back pain cause dizziness?", "does sciatica make you
# dizzy?", "is dizziness a symptom of back pain?"), as a question about a treatment's risk is not
# the burn's sign: not of the asker's own ("can my back pain make me dizzy?", "why does my back
# pain make me feel faint?"). Nor whether a treatment helps it ("does acupuncture help back pain
# and dizziness?"), as asking whether it helps trouble breathing is not the breathless sign.
ASKED_IN_GENERAL = (
    rf"(\b(can|could|does|do|will|would|might|may)( {NOT_ONES_OWN}){{1,4}}? (caus\w*|mak\w*"
    rf"|giv\w*|lead\w* to|bring\w* on|trigger\w*|result\w* in)( {NOT_ONES_OWN}){{0,3}}? "
    rf"{FEELING_FAINT}"
    rf"|\b(is|are)( {NOT_ONES_OWN}){{0,4}}? {FEELING_FAINT}( {NOT_ONES_OWN}){{0,4}}? "
    r"((a |an )?(\w+ )?(symptoms?|signs?|side effects?|causes?) of|linked|related|connected"
    r"|associated)\b"
    rf"|\b{TREATMENT_HELPS}( (\w+ ){{0,4}}?(and|or|&|with|plus))? (feeling )?{FEELING_FAINT})"
)
# Nothing felt of a needle going in, or of a session (see FELT_NOTHING): a needle that did not
# hurt, or a treatment that did nothing, not lost feeling in the saddle area or the legs (see
# nothing_felt_of_a_needle). "I felt nothing when the needle went in my bottom", "I didn't feel a
# thing during the session on my buttocks", "I felt nothing at all after three sessions for my
# bum", "the needle went into my bum and I felt nothing", "the practitioner needled my buttocks
# and I didn't feel a thing". But nothing felt in the saddle area named before the needle ("I
# felt nothing in my bottom when the needle went in"), or since a needle ("since the needle in my
# bum I have felt nothing"), is the sign, and so is nothing felt with wiping or the saddle area
# said after it ("I felt nothing after the session when I wiped", "when the needles went in I
# felt nothing down there"). Only the words of nothing felt and of the needle are removed:
# numbness or wiping between them stays ("when the needle went into my numb bum I felt
# nothing").


def nothing_felt_of_a_needle(area, kept):
    """A sign's ignore for nothing felt of a needle going in, or of a session (see above): not
    where `area`, the sign's part of the body, is named between nothing felt and the needle or
    after nothing felt, nor across a word of `kept`, the sign's words, which stay to be read."""
    # A word that is not of the sign's (nor wiping, nor "since"), and one not of its area either.
    not_of_the_sign = rf"(?!wip|toilet|loo\b|since\b|{kept})[\w']+"
    not_of_the_area = rf"(?!{area}\b){not_of_the_sign}"
    return (
        # Nothing felt first: "I felt nothing when the needle went in", "during the session".
        rf"\b{FELT_NOTHING}(?: at all)?,?"
        r" (?:when|as|while|once|during|from|after|with|of|in|at|for)"
        rf"(?: {not_of_the_area}){{0,4}}? {TREATED}\b(?![^.!?\n]{{0,40}}?\b{WIPING})"
        # The needle first, as it went in, not since: "when the needle went in my bottom I felt
        # nothing", "the needle went into my bum and I felt nothing", "the needles in my
        # buttocks didn't hurt, I felt nothing", "she needled my buttocks and I didn't feel a
        # thing", "I had acupuncture on my buttocks and felt nothing". The start of a word is
        # checked before what comes before it, as it fails at most places and is cheaper.
        rf"|(?:\b(?:when|as|while|once)(?: {not_of_the_area}){{0,3}}? {NEEDLE}"
        rf"|\b(?<!since )(?<!since the )(?:the|a|each|every|one) {NEEDLE}"
        r"(?: (?:went|go|goes|going|was|were)(?: put| inserted| placed)? (?:in|into)\b"
        rf"|(?: (?:in|into)(?: {not_of_the_sign}){{1,3}}?)?"
        r" (?:did not|didn't|do not|don't|never) hurt\b)"
        rf"|\b(?<!since )(?<!since the )(?<!since my )(?:the |my |her |his )?(?:practitioner"
        rf"|acupuncturist|therapist|physio|doctor|{WHO}) (?:needled|put (?:the |a |some )?{NEEDLE}"
        rf"|(?:had|got|tried)(?: \w+)? {TREATED}))"
        rf"(?: {not_of_the_sign}){{0,8}}?,?(?: and| but)?(?: {WHO})? {FELT_NOTHING}"
        rf"(?![^.!?\n]{{0,40}}?\b(?:{area}|{WIPING}))"
    )


# In the saddle area, where a needle went in may be said; its lost feeling stays.
NOTHING_FELT_OF_A_NEEDLE = nothing_felt_of_a_needle(SADDLE_AREA, SENSATION_LOSS)
# In the legs ("I felt nothing in my legs during the session", "she needled my legs and I felt
# nothing"). Both legs or either named anywhere in it, or just after, keep the sign, as they are
# the sign's own words ("I felt nothing in both legs during the session", "when the needles went
# in I felt nothing in both legs"), and so do its other words ("when the needle went in my legs
# gave way and I felt nothing").
NOTHING_FELT_OF_A_NEEDLE_IN_THE_LEGS = nothing_felt_of_a_needle(BOTH_LEGS, LEGS_SIGN_WORD)
PEE = r"(pee|urine|wee|piss)"
# A nerve's symptoms that have gone on since a needle went in (a nerve touched by it): "since" or
# days later, not the tingle as a needle goes in, nor symptoms better since ("less numbness since
# the acupuncture", "the tingling has gone since the needles": see SAYS_BETTER).
# A part of the body not felt, numbness said another way: "I can't feel my foot", "no feeling in
# my leg", "lost the feeling in my thigh". Not the pain in it ("I can't feel my back pain", "my
# back hurting", "the pain in my leg"), which is pain gone, nor "no feeling of pain".
PART_NOT_FELT = (
    rf"({CANNOT_FEEL} {WHOSE}|no (feeling|sensation) in {WHOSE}"
    rf"|(lost|losing|loss of) (the |all |some )?(feeling|sensation) in {WHOSE})"
    r" ((left|right|lower|upper|big|little|whole) )?(legs?|foot|feet|toes?|ankles?|calf|calves"
    r"|shins?|thighs?|knees?|hips?|buttocks?|bum|bottom|arms?|hands?|fingers?|thumbs?|wrists?"
    r"|elbows?|shoulders?|neck|back|face|lips?|skin)\b"
    r"(?! (pain|pains|ache|aches|aching|hurt\w*|throb\w*|sore\w*|twing\w*|spasm\w*|click\w*"
    r"|problems?|issues?|trouble)\b)"
)
NERVE_SYMPTOM = (
    r"(?<!less )(?<!no )(?<!no more )(shooting|electric\w*|shocks?|pins and needles|tingl\w*"
    rf"|{NUMB}|burning|nerve pain|weak\w*|{PART_NOT_FELT})"
)
SINCE_NEEDLED = (
    rf"((ever )?since|(days|weeks|months) (after|since)) ({WHOSE} |that |this |last )?(\w+ )?"
    rf"{NEEDLED}"
)
# The needle going in or the session ("during acupuncture", "when the needle went in", "while I
# was being needled", "from the needles"), and after it ("after the needles").
AS_NEEDLED = (
    rf"(during|when|while|from) ({WHOSE} |that |this |a |an |i |i was )?([a-z]+ )?{NEEDLED}"
)
AFTER_NEEDLED = rf"after ({WHOSE} |that |this |last |a |an )?([a-z]+ )?{NEEDLED}"
# A nerve's symptom that came with a needle, said to go on: "is still numb", "still tingles",
# "it hasn't worn off", "the feeling hasn't come back"; not "it wore off".
STILL_THERE = (
    rf"(still\b ([a-z']+ ){{0,3}}?({NERVE_SYMPTOM}|there\b|the same\b|like (that|this|it)\b"
    r"|cannot feel\b)|(\w*n't|not) (gone|gone away|worn off|come back|returned)\b"
    r"|(won't|will not) go\b)"
)
# Began with a needle: "went numb", "started tingling", "got pins and needles".
CAME_ON = r"(went|gone|go|goes|going|became|become|got|get|gets|getting|started|began|felt)"
# A sentence that says something is better ("less pain and tingling since the needles"), not "no
# better" or "hasn't gone".
SAYS_BETTER = (
    # From a sentence's start only: unanchored, every position of a long sentence would scan it.
    r"(?:^|(?<=[.!?\n]))[^.!?\n]*\b(?<!no )(?<!not )(?<!n't )(?<!any )(?<!never )(better|easier|eased|less|fewer"
    r"|gone|improv\w*|stopped|disappeared|cleared|settled)\b[^.!?\n]*"
)
# Painkillers by their common names, and pain they do not ease.
PAINKILLERS = (
    r"(pain ?killers?|pain relief|pain medication|medication|meds|tablets|pills|tramadol"
    r"|codeine|co-?codamol|co-?dydramol|morphine|oramorph|oxycodone|ibuprofen|naproxen"
    r"|paracetamol|diclofenac|gabapentin|pregabalin|nsaids?|analgesi\w*)"
)
NOT_EASING = (
    r"(not|no longer|never|barely|hardly|do not|don't|does not|doesn't|did not|didn't|are not"
    r"|aren't|is not|isn't|won't|will not|cannot)"
)
# Easing, not "not easy to swallow".
# Sleep lost is the sign only in a text that names pain or the back, neck or legs, in any
# sentence ("my back is agony. I can't sleep"): not "my husband snores and I can't sleep". Read
# from the text's start, once.
IN_A_TEXT_OF_PAIN = (
    rf"\A(?=[\s\S]*\b({PAIN_WORD}|aches?|aching|achy|hurt\w*|sore\w*|agony|{BACK}|necks?|legs?"
    r"|hips?|buttocks?|bum|shoulders?)\b)[\s\S]*?"
)
EASING = r"(\w+ )?(help\w*|work\w*|eas(e|es|ed|ing|ier)\b|reliev\w*|shift\w*|touch\w*|do anything)"
# Words of the bladder or bowel and of the back or legs, as a worried searcher puts them side by
# side ("sciatica bladder", "back pain bowel", "numb leg pee"): a change is not said, but may be
# meant, and the advice says "new". "Wee" only at the end of its phrase, not "a wee bit".
BLADDER_WORD = (
    # "Bowls" too, but not a game of bowls (see the ignore) nor "two bowls of porridge".
    r"(bladder|bowels?|bowls\b(?! of\b)|bowl (movement|motion)s?|pee|peeing|urine|urinat\w*"
    r"|incontinen\w*"
    r"|wee(?=\s*($|[.,;!?]|and\b|or\b|&))"
    # Leaking, of nothing named ("back pain leaking"): not "leaking fluid" (see the ignore).
    r"|leak(s|ed|ing|age)?\b(?! (of|from|out|in|into|through|onto|on|at|around)\b))"
)
BACK_OR_LEGS = (
    r"(back ?(pain|ache)|backache|(lower|bad|my|the) back|spine|spinal|sciatica|sciatic|lumbar"
    rf"|discs?|legs?|{NUMB})"
)
# A temperature someone has ("a slight temperature", "a high temp"), not one of something.
A_TEMPERATURE = (
    r"((slight |high |raised |bit of a )?temperature|(high|raised) temp)\b"
    r"(?! (of|control|sensation|sense)\b)"
)
# The fever sign's words, as a denial of it names them.
FEVER_WORD = (
    r"(fevers?|feverish|(very |really )?(high |raised )?(temperature|temp)"
    r"|(night |cold |hot )?sweats|chills|shivers)"
)
# "Without", but not after a night or a negation: "I never go a night without night sweats" and
# "I haven't been without a fever" have them.
WITHOUT = (
    r"(?<!night )(?<!nights )(?<!day )(?<!days )(?<!week )(?<!never )(?<!not )(?<!been )without"
)
# Sweating, denied only after "no" or "not": "I can't walk without sweating" has it. Not "it's not
# sweating at night, it's all day", nor "if not sweating", which say it or doubt it.
DENIED_SWEATING = r"(no|(?<!'s )(?<! is )(?<!\bif )not) (night )?sweating( at night)?"
# The fever sign's words, and sweating, after the first of a denial's list.
LISTED_FEVER_WORD = rf"(any )?({FEVER_WORD}|(night )?sweating( at night)?)"
# A plain denial of the fever sign, directly before its words and ending a clause, or followed
# by "but" or "or": "no night sweats", "no fever or chills", "no fever, chills or night sweats",
# "without any night sweats", "I don't have a temperature", "I'm not feverish", "not sweating".
# A list with commas is denied only whole, up to an "or" or "nor" before its last word: "no
# fever, night sweats every night", "no fever, I sweat at night" and "no fever, chills and night
# sweats" (as "no fever and night sweats": maybe had) have them. Not "no fever
# medicine helps", "no idea why I have night sweats", nor a denial in the past ("I didn't have a
# fever until today"), which may no longer hold. What the denial leaves is still read: "no fever
# but night sweats" shows it.
DENIED_FEVER = (
    rf"\b(((no|{WITHOUT}|(don't|do not|doesn't|does not) (have|get|feel)|(haven't|have not"
    rf"|hasn't|has not) (got|had)|not running) (a |any )?{FEVER_WORD}|{DENIED_SWEATING})"
    rf"((, ?{LISTED_FEVER_WORD})+,? (or|nor) {LISTED_FEVER_WORD}"
    rf"|( (or|nor) {LISTED_FEVER_WORD})*)|not feverish)"
    r"(?=\s*($|[-.,;:!?)\n])| (but|and|or|nor|at all|so far|yet|now|today|though|either)\b)"
)
INFLAMED_SKIN = (
    r"pus|oozing|oozes|weeping|abscess|(is|are|'s|'re|been|looks?|looked|got|gone|become"
    r"|became|seems?|seemed) (\w+ )?infected|red,? (and )?(hot|swollen|angry|spreading)"
    r"|hot,? (and )?(red|swollen)"
    r"|swollen,? (and )?(red|hot)|red and sore"
    r"|(red|redness|red streaks?) (is |are |has been |keeps? )?spreading|spreading red\w*"
    # A red streak or line running from the site: infection spreading along the skin.
    r"|red (streaks?|lines?|tracks?)|streaks? of red"
)
# A needle left in after the session, or a piece of one under the skin: not the needles left in
# for the session's twenty minutes, nor while they are still in (see the sign's ignore), nor
# "pins and needles", nor what a needle left ("the pain from the needle is still in my leg").
# Checked once "needl" is read, not at every word.
THE_NEEDLE = (
    r"needl(?<!pins and needl)(?<!pins & needl)(?<!from the needl)(?<!from a needl)"
    r"(?<!of the needl)(?<!of a needl)(?!ess)\w*"
)
# Not for the session's length, or during it: "left in for 20 minutes", "while I rested",
# "one needle was left in longer than the others".
NOT_THE_SESSION = (
    r"(?![^.!?\n]{0,30}?\b(during|while|whilst|longer|for\b[^.!?\n]{0,20}?\b(min|mins|minutes"
    r"|hours?|hrs?|a while|session|treatment|time))\b)"
)
# Left in, saying where or after: "a needle was left in my back", "needle left in after session",
# not "how long are the needles left in?".
LEFT_IN = (
    r"left (in|inside|behind|under)\b(?=\s*$|\s*[.,;!]| (my|his|her|your|me|him|them|the skin"
    r"|after|when|overnight|by (mistake|accident)|at home|since|and|but|so|from)\b)"
    rf"{NOT_THE_SESSION}"
)
# What is said of the needle itself: still in, left in, stuck under the skin, broken, not taken
# out ("I found a needle still in my back", "the needle is stuck under my skin", "the needle
# broke"), not "can a needle break?" nor "the needle got stuck in the muscle" (a needle the
# muscle grips as it goes in, which the practitioner eases out).
NEEDLE_STILL_IN = (
    r"(( (was|were|is|are|had been|has been|have been|accidentally|mistakenly|apparently|still"
    r"|got))* (still (in|inside|stuck|under|sticking|lodged|embedded)|"
    rf"{LEFT_IN}|(stuck|lodged|embedded) (under|beneath)|(is|are|'s) (stuck|lodged|embedded) in)"
    # Broken, but not the skin the needle broke as it went in.
    r"|( (had|has|have|just|then|actually))? (broke|broken|snapped|sheared)\b"
    r"(?! (the |my |his |her |your |through (the |my )?)?skin\b)"
    r"| (was not|wasn't|were not|weren't|had not been|hadn't been|never) (taken out|removed"
    r"|pulled out)\b"
    # "Needle fragment under skin", "the needle tip is still in".
    r"| (tip|fragment|piece|shard)s? (is |was |still |stuck |left |lodged )*(in|inside|under|stuck"
    r"|left|lodged|embedded)\b)"
)
# Someone who left a needle in, forgot one or broke one, or found one ("she left a needle in
# my back", "they forgot to take one of the needles out", "she snapped a needle"): not the needles
# of every session ("she left the needles in"). A piece of a needle: "part of the needle is stuck
# under my skin", "the tip of the needle broke off", not "can part of the needle break off?".
NEEDLE_LEFT_BY = (
    rf"((left|forgot|forgotten|missed) (a|an|one|another|one of the) (acupuncture )?{NEEDLE}\b"
    rf"{NOT_THE_SESSION}"
    r"|(forgot|forgotten|forgets|did not|didn't|failed) to (take|remove|pull) (out )?(a|an|one"
    rf"|another|one of the|all the|all of the|all) (acupuncture )?{NEEDLE}"
    # "Found a needle", not "I found the needles in my back painful".
    rf"|(found|discovered) (a|an|one|another) (acupuncture )?{NEEDLE}"
    r" (still |left )?(in|stuck|sticking|under)\b"
    rf"|(broke|snapped) (a|the|one|one of the) {NEEDLE}"
    rf"|(retained|forgotten|broken off) (acupuncture )?{NEEDLE}"
    rf"|broken (off )?(acupuncture )?{NEEDLE} (is |was |still |got |has been )*(stuck|lodged"
    r"|embedded|still|(in|under) (my|his|her|your|the skin|skin)\b)"
    r"|(piece|bit|part|tip|end|fragment|shard|half)s? of (a |the |an |one |my )?(acupuncture )?"
    rf"{NEEDLE} (is |was |are |were |has been |had been |still |got |been |left )*(still|stuck"
    r"|left|lodged|embedded|broke|broken|snapped|came off|(in|under|inside) (my|his|her|your)\b))"
)
# Burns and blisters, as the skin has them, not moxa that burns as it should ("the moxa burns
# slowly"), nor a question ("can moxa burn?").
BURNT = (
    r"(blister\w*|scalds?\b|scalded|burn (marks?|scars?|blisters?)"
    r"|(burnt|burned|burning|scorched|singed|scalded) (me|my|him|her|his|the skin|skin|through)\b"
    r"|(burnt|burned|scorched|singed) (by|from)\b"
    r"|(i|he|she|they|we|you|skin) (\w+ )?(got|get|gets|getting|was|were|been|am|'m|is) (\w+ )?"
    r"(burnt|burned|scorched|singed|scalded)\b"
    r"|(a|the|my|this|that|his|her)( (small|little|nasty|bad|big|large|tiny|slight|minor|deep"
    r"|red))? burns?\b)"
)
# What heats or draws the skin in a session: moxa (moxibustion), a heat lamp, cupping (fire
# cupping heats the cup), a needle warmed with moxa. Not a cup of tea.
HEAT_TREATMENT = (
    r"(moxa\w*|moxibustion|(heat|heating|infra.?red|tdp) lamps?|lamps?|tdp|cupping|cups?\b(?! of)"
    r"|(warm|warmed|warming|heated) needles?)"
)
# What heats a sore back at home: a heat pad, pack, wrap or patch, a hot-water bottle, a wheat bag,
# an electric blanket. They burn skin that is numb, or one fallen asleep on them, without its
# being felt.
HEAT_AT_HOME = (
    r"((heat|heating|heated|hot|electric|microwave\w*) (pads?|packs?|wraps?|patch(es)?|pillows?)"
    r"|hot.?water ?bottles?|wheat ?(bags?|packs?|pillows?)|electric blankets?)"
)
HEAT_SOURCE = rf"({HEAT_TREATMENT}|{HEAT_AT_HOME})"
# Skin that weeps or looks infected where the moxa, a lamp or a cup was: not the redness and
# heat moxa and cupping leave as they should, nor the red lines of cupping moved over the skin,
# nor eyes that weep from moxa's smoke or an asker weeping as a session moves them.
SKIN_WEEPING = (
    r"(pus|abscess|(is|are|looks?|looked|got|gone|become|became|seems?|seemed) (\w+ )?infected"
    r"|(red|redness) (is |are |has been |keeps? )?spreading|(skin|marks?|spots?|sites?|areas?"
    r"|patch(es)?|burns?|wounds?|sores?|blisters?|it|they) (is |are |was |were |has been |have been"
    r" |keeps? |started |starting to )?(weeping|weeps|oozing|oozes|oozed))"
)
# Collapsing, passing out or blacking out (see the collapse sign).
LOST_CONSCIOUSNESS = (
    r"(collapsed|collapsing|collapses|passed out|passes out|passing out|blacked out|blacks out"
    r"|blacking out|lost consciousness|losing consciousness"
    # Unconscious as a state one was in ("I went unconscious", "he was unconscious for a
    # minute"), not "unconscious bias" or tension held "unconsciously", nor put to sleep for an
    # operation ("I was unconscious during the operation", "under the anaesthetic").
    r"|(went|go|goes|going|was|were|been|is|became|become|fell|lay|lying|knocked) unconscious\b"
    r"(?! (during|under|for|through) (the |my |an? |his |her )?(operations?|op|surgery|procedure"
    r"|an(a)?esthe\w*|general)\b))"
)
# What follows a collapse that is not one: resting ("I collapsed on the sofa", "into bed"),
# laughing, a faint during a session or at the sight of needles, a disc, arches or a lung
# ("a collapsed disc"), what is handed out ("passed out leaflets") or left ("passed out of
# training"), drink.
NOT_A_COLLAPSE = (
    r"(?!( \w+)? (on|onto|on to|into|in|in front of) (the |my |a |his |her |our )?(sofa|couch"
    r"|settee|armchair|chair|bed|beanbag|hammock|recliner|tv|telly)\b"
    r"|( \w+)? (with|from|in) (laughter|laughing|giggles|hysterics)\b"
    r"|[^.!?\n]{0,30}?\b(during|in the middle of|in) (the |my |a |his |her |an |our )?(first |last "
    r"|second |next )?(acupuncture|session|treatment|appointment|needl\w*|injection|blood test)"
    rf"|[^.!?\n]{{0,30}}?\b((when|as) ({WHO} )?(saw|see|seeing)|at the sight of|(when|as) (the|a"
    rf"|each|{WHOSE}) {NEEDLE} (went|go|goes|was|were) in)"
    r"| (dis[ck]s?|arch(es)?|lungs?|vertebra\w*|veins?|spine)\b"
    r"| (drunk|of\b|(the |some )?(leaflets|flyers|forms|sheets|papers|handouts|certificates|drinks"
    r"|sweets|needles)))"
)
# "Collapsed" said of a thing, after "a", "the" or "my" ("a collapsed lung", "my collapsed disc"),
# whatever the thing is or however it is mistyped.
NOT_SAID_OF_A_THING = "".join(
    rf"(?<!\b{before} {word})"
    for before in ("a", "the", "my", "his", "her", "your", "partly", "partially")
    for word in ("collapsed", "collapsing")
)
# A breathing condition, and trouble breathing as it is named: asking whether acupuncture helps
# one ("acupuncture for breathing problems asthma") is not the breathless sign.
LUNG_CONDITION = (
    r"(asthma\w*|copd|emphysema|bronchitis|bronchiectasis|long covid|lung disease"
    r"|(pulmonary|cystic) fibrosis)"
)
BREATHING_TROUBLE = (
    r"(breathing (difficult\w*|problems?|trouble|issues?|conditions?|disorders?)"
    r"|short(ness)? of breath|breathless\w*|short breath"
    r"|(difficulty|trouble|problems?|struggl\w*) (with |in )?breathing"
    r"|(gasp\w*|struggl\w*|fight\w*) for (breath|air))"
)


# What `non_capturing` reads in a pattern: an escape ("\(", "\b", "\1"), a character class
# ("[^.!?\n]", "[](]", "[\]]"), a named group or a reference back to a group ("(?P<", "(?P=",
# "(?("), and a group that captures ("(" not followed by "?"). Anything else is left as it is.
_PIECES = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?P[<=]|\(\?\(|\((?!\?)", re.DOTALL)


def non_capturing(pattern):
    """`pattern` with each group that captures made one that does not: "(" as "(?:", so that the
    patterns are written with plain groups and read fast. No pattern uses what its groups
    capture, and re notes where each group starts and ends as it reads, saves the groups captured
    so far at each alternative it tries inside a repeat, and repeats a group that captures the
    slower way. With their groups capturing, the signs took 1.6 times the instructions (under
    valgrind's callgrind) to read the seed archive's texts or a question of 20,000 characters,
    the bladder sign three times. Escaped parentheses ("\\("), those in a character class ("[(]",
    "[^)(]", "[](]") and groups that start with "(?" (lookarounds, groups that do not capture,
    flags) are left as they are. A named group, or a reference back to a group, is refused:
    either needs the groups kept."""

    def without_groups(piece):
        text = piece.group()
        if text == "(":
            return "(?:"
        if text.startswith("(?") or (text[0] == "\\" and text[1] in "123456789"):
            raise ValueError(f"{pattern!r} names a group or refers back to one ({text!r})")
        return text

    return _PIECES.sub(without_groups, pattern)


def read_as_one(patterns):
    """One expression that matches a text wherever one of `patterns` does: one pass over the text
    instead of one per pattern (so a pattern may not refer back to a group, nor set a flag for
    all of it). No group captures (see non_capturing). The patterns that start at the start of a
    word ("\\b") are one group of it, so that re reads the "\\b" they share once at each place in
    the text, not once for each of them, and tries them only where a word starts: it does so of
    itself only where every pattern starts so. Read in the order they are written, the fever
    sign's patterns (one of which starts at the start of the text) took 1.7 times the instructions
    to read the seed archive's texts, the fall and burst aneurysm signs' 1.5 times. Their order
    is no matter: whether a text matches is all the signs ask."""
    pieces = [f"(?:{non_capturing(p)})" for p in patterns if not p.startswith(r"\b")]
    at_a_word = [f"(?:{non_capturing(p)})" for p in patterns if p.startswith(r"\b")]
    if at_a_word:
        pieces.insert(0, f"(?:{'|'.join(at_a_word)})")
    return re.compile("|".join(pieces))


@dataclass(frozen=True)
class RedFlag:
    """One red-flag sign: its stable name (stored with submissions), the label shown beside its
    tick box and to editors, the advice shown to the asker, and the word patterns that show it."""

    name: str
    label: str
    advice: str
    patterns: tuple[str, ...]
    ignore: tuple[str, ...] = ()
    _compiled: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        ignore = [re.compile(non_capturing(p)) for p in self.ignore]
        object.__setattr__(self, "_compiled", (read_as_one(self.patterns), ignore))

    @property
    def advice_html(self):
        """The advice with its phone numbers as tap-to-call links."""
        return call_links(self.advice)

    @property
    def is_emergency(self):
        return self.advice.startswith(EMERGENCY)

    def matches(self, normalised_text):
        either, ignore = self._compiled
        for pattern in ignore:
            normalised_text = pattern.sub(" ", normalised_text)
        return either.search(normalised_text) is not None


RED_FLAGS = (
    RedFlag(
        name="saddle_numbness",
        label="Numbness or tingling around your genitals or back passage (bottom)",
        advice=f"{EMERGENCY} Numbness around the genitals or bottom can mean the nerves at the "
        "base of the spine are being squashed (cauda equina syndrome), which needs treating "
        "within hours.",
        patterns=(
            # The area a whole word: "tingling and bumps" is not "tingling" and "bum".
            rf"\b{SENSATION_LOSS}\b{NEAR}\b{SADDLE_AREA}\b",
            rf"\b{SADDLE_AREA}\b{NEAR}\b{SENSATION_LOSS}",
            r"\bsaddle (area|region|numbness|anaesthesia|anesthesia)",
            rf"\b{SENSATION_LOSS}\b{NEAR}\b{WIPING}",
            rf"\b{WIPING}{NEAR}\b{SENSATION_LOSS}",
            # The card's "altered feeling when using toilet paper", as askers say it.
            rf"\b{WIPING}{NEAR}\b{FEELS_ODD}",
            rf"\b{FEELS_ODD}\b{NEAR}\b{WIPING}",
            # The paper itself not felt, with no wiping said ("I didn't feel the toilet paper",
            # "the loo roll"): not an opinion ("I don't feel the toilet paper is soft enough").
            rf"\b{NOT_FEEL} the (toilet|loo) (paper|tissue|roll)\b(?! (is|was|were|would|will)\b)",
            # Nothing felt sitting on the toilet, or the seat not felt at all.
            rf"\b{NOTHING_FELT}\b{NEAR}\b{SITTING_ON_THE_TOILET}",
            rf"\b{SITTING_ON_THE_TOILET}{NEAR}\b{NOTHING_FELT}",
            rf"\b{NOT_FEELING_THE_SEAT}",
            # Gone dead, right beside the saddle area or with wiping (see GONE_DEAD).
            rf"\b{SADDLE_AREA}\b[^.!?,;\n]{{0,15}}?\b{GONE_DEAD}",
            rf"\b{GONE_DEAD}( (in|around|on|at|across|near))?( {WHOSE})? {SADDLE_AREA}\b",
            rf"\b{WIPING}{NEAR}\b{GONE_DEAD}",
            rf"\b{GONE_DEAD}\b{NEAR}\b{WIPING}",
            r"\bdead (bum|butt|bottom|backside|arse|crotch|groin)\b",
        ),
        ignore=(
            r"\b(bike|bicycle|horse|riding) saddle\b",
            NOTHING_FELT_OF_A_NEEDLE,
            # Buttocks that forget to work from sitting all day, not numb ones.
            r"\bdead (butt|bum|bottom) syndrome\b",
        ),
    ),
    RedFlag(
        name="bladder_bowel",
        label="New trouble peeing, or you cannot control when you pee or poo",
        advice=f"{EMERGENCY} New bladder or bowel trouble with back pain can mean the nerves at "
        "the base of the spine are being squashed (cauda equina syndrome).",
        patterns=(
            r"\b(cannot|unable to|trouble|difficulty|problems?|struggl\w*( to)?|hard to|not able to)"
            r" (pee|peeing|wee|weeing|urinat\w*|pass(ing)? (urine|water)|empty (my )?bladder)\b",
            # Not being able to poo (constipation alone, "I'm constipated", is not the sign), but
            # not pooing that hurts or needs straining ("can't poo without straining").
            r"\b(cannot|unable to|not able to|(have not|haven't|has not|hasn't)"
            r" been able to) (poo|pooing|poop|pooping|go for a poo|have a poo|pass (a )?stools?"
            r"|open (my |his |her )?bowels)\b(?! without\b)",
            # "Bowls" for "bowels" and "loose" for "lose", as askers often type them (words of
            # English, which the correction of typos leaves alone).
            r"\b(lost|loss of|losing|lose|loose|no|poor|cannot) control (of|over)? ?"
            r"(my |the |when i )?(bladder|bowels?|bowls?|pee|wee|urine|poo|toilet|loo)",
            r"\b(lost|loss of|losing|lose|loose|no|poor|reduced|less) (my |the )?"
            r"(bladder|bowels?|bowls?)( (or|and) (bladder|bowels?|bowls?))? control\b",
            rf"\b(difficulty|trouble|problems?|struggl\w*|hard to|harder to)\b{NEAR_IN_CLAUSE}\b{URINATING}\b",
            rf"\b{URINATING} (is|has been|has become|is getting|was|became) (\w+ )?(difficult|hard"
            r"|harder|a struggle|an effort)\b",
            rf"\b{CANNOT} (stop|control|hold) (in )?(a |my |the )?({PASSING}|bladder|bowels?|bowls?"
            # Not "I can't hold the water bottle".
            r"|poo|wee|urine|leaking|water(?! (bottles?|glass|jugs?|cups?)\b))\b",
            rf"\b{SENSATION_LOSS}\b (when|while|as) ({WHO} )?{PASSING}",
            r"\b(not know\w*|cannot (tell|feel)|unaware|no idea|not sure|do not know|don't know)\b"
            rf"{NEAR}\b(bladder|bowels?) (is|are) (either )?(full|empty)",
            rf"\bcannot control (when|whether|if) {WHO} (pee|wee|poo|go)",
            r"\b(hard|difficult|struggl\w*|trouble|cannot) (to )?(start|starting) (to )?"
            r"(pee|peeing|wee|weeing|urinat\w*)",
            rf"\b(cannot|don't|do not|didn't|did not|not|never) (feel|tell|notice|noticing|know"
            rf"|knowing|realis\w*|realiz\w*) (when|if|that) {WHO} "
            r"(need|needs|have|has|want|needed) (to (pee|wee|go|poo)|(the|a) (toilet|loo|wee|poo))",
            rf"\b(don't|do not|didn't|did not|not|never) (notic\w*|realis\w*|realiz\w*) {WHO} "
            r"(need|needs|needed) (to |a )(pee|wee|poo)\b",
            r"\bincontinen\w*",
            r"\b(wet|wets|wetting|soil|soils|soiled|soiling|pee|pees|peed|peeing|wee|wees|weeing"
            # Oneself or a relative ("my husband has wet himself"), and "my self" as typed.
            r"|poo|poos|pooed|pooing|poop|poops|pooped|pooping|piss|pissed|pissing) (myself|my self"
            r"|himself|herself|themselves|yourself|the bed|my (pants|underwear|trousers|knickers))",
            r"\b(leak\w*|dribbl\w*) (of )?(urine|pee|wee|poo|stools?|faeces)"
            r"|\b(urine|pee|wee|poo) leak\w*",
            # Leaking when coughing or sneezing (stress incontinence), and not reaching the toilet
            # in time: common, and seldom cauda equina, but losing control of when you pee all
            # the same (see the module's docstring).
            rf"\b(leak|leaks|leaking|dribble|dribbles|dribbling) (a (bit|little) )?(when|if|as) "
            rf"({WHO} )?(cough|sneez|laugh|jump|lift)\w*",
            r"\b(cannot|unable to|not able to|don't|do not|didn't|did not|never|not|struggl\w* to)"
            r" (always |quite |ever )?(get|make it|reach|getting|making it) to the (loo|toilet"
            r"|bathroom|lavatory) in time\b",
            # "In time" left unsaid after "make it", where the sentence ends there ("I didn't make
            # it to the toilet", "and wet myself"): not "I can't get to the toilet", a back too
            # stiff to walk there, nor "I didn't make it to the loo before my session".
            r"\b(cannot|unable to|not able to|don't|do not|didn't|did not|never|not) (always |quite"
            r" )?(make it|making it|made it) to the (loo|toilet|bathroom|lavatory)"
            r"(?=\s*$|\s*[.,;!?]| (and|so)\b)",
            rf"\b(bladder|{BOWEL}) control (is |has )?(gone|going|lost|worse|poor|bad)\b",
            r"\b(bladder|bowels?) (is not|isn't|are not|aren't|has stopped|have stopped|stopped"
            r"|not) working\b",
            SOILED,
            r"\b(poo|pee|wee|toilet|loo|bladder|bowel) accidents?\b",
            # "Wee" as the toilet ("needed a wee", "to wee"), not "my wee boy had an accident".
            rf"\b(toilet|loo|pee|(a|to) wee|poo)\b{NEAR}\b(had|have|having) an accident\b",
            rf"\b(bladder|{BOWEL})s?( control)? (problems?|trouble|issues?|changes?|dysfunction"
            r"|accidents?)",
            r"\b(urinary|urine) retention|\bretaining urine|\bretention of urine",
            r"\b(have not|haven't|havent|has not|hasn't|hasnt|not) (peed|urinated|passed (urine|water)"
            r"|been able to (pee|wee|urinate)|had a (pee|wee))\b",
            r"\b(need|needs|needed|want|wants|wanted|try|tries|tried|trying) to (pee|wee|urinate"
            rf"|pass (urine|water)) but\b{NEAR}\b(nothing|hardly anything|little|cannot|not able"
            r"|won't|will not|doesn't|does not|didn't|did not)\b",
            # The same the other way round ("nothing comes out when I try to wee"), and a bladder
            # that will not empty.
            r"\bnothing (comes|came|is coming|will come) out\b[^.!?\n]{0,20}?\b(pee|wee|urinat\w*"
            r"|pass (urine|water))\b",
            r"\bbladder (will not|won't|does not|doesn't|did not|didn't|is not|isn't|never)"
            r" (fully |properly |completely )?empty",
            # Nothing felt, or "it" or oneself not felt, when going to the toilet: "I can't feel
            # it when I pee", "no feeling when I have a poo", "I can't feel anything when I go to
            # the loo". "Can't feel it", not "don't feel it", most often a pain ("my hip aches but
            # I don't feel it when I go to the loo"); nor numbness or tingling when going to the
            # toilet, which legs get from sitting there (see SITTING_ON_THE_TOILET): numbness when
            # passing urine or stools is read above.
            rf"\b({NOTHING_FELT}|{CANNOT_FEEL}( (it|anything|a thing|myself|himself|herself"
            r"|themselves|yourself))?)"
            rf"( at all)? (when|while|whenever|as) ({WHO}('m|'re| am| is| are| was| were)?"
            rf" {GOING_TO_THE_TOILET}|using the (toilet|loo|bathroom|lavatory)\b)",
            # "I can't feel myself pee", "I don't feel the wee come out", "I can't feel myself
            # having a poo".
            rf"\b({CANNOT_FEEL}|{NOT_FEEL}) (myself|himself|herself"
            r"|themselves|yourself|the (pee|wee|urine|poo)) (\w+ )?(a )?(pee|peeing|wee|weeing"
            r"|urinat\w*|poo|pooing|go|going|come|coming|pass\w*)\b",
            rf"\b(strain|push)\w* (to|when|while) ({WHO} )?{URINATING}",
            r"\b((cannot|do not|don't|didn't|did not|no) (feel|get|have) (the |an |any )?"
            r"|(have|has|had|get|gets|feel|feels|felt|with|there is) no (\w+ )?|lost the )urges? to "
            r"(pee|wee|poo|urinate|go to the (toilet|loo|bathroom))\b",
            # Not knowing one had peed until after ("I didn't realise I had peed until I stood up").
            r"\b(did not|didn't|never) (realis\w*|realiz\w*|notic\w*|know|feel) (that )?"
            r"(i|you|he|she|they|we)('d| had| was| were)? (peed|weed|wet|pooed|pooped|soiled"
            r"|wetting|peeing|weeing|urinated)\b",
            r"\b(problems?|trouble|issues?|difficulty) with (my |the )?(bladder|bowels?)\b",
            # Retention as askers feel it: "my bladder feels full but nothing comes".
            rf"\bbladder (feels|is|felt|was) (\w+ )?full\b{NEAR}\b(nothing|little|cannot|not able"
            r"|won't|will not|doesn't|does not|didn't|did not)\b",
            rf"\b{BLADDER_WORD}\b{NEAR}\b{BACK_OR_LEGS}\b",
            rf"\b{BACK_OR_LEGS}\b{NEAR}\b{BLADDER_WORD}",
        ),
        ignore=(
            # Laughing hard, as the saying has it.
            r"\b(wet|wets|peed|pee|weed|wee|pissed|piss) (myself|my self|himself|herself|themselves"
            r"|yourself) laughing\b",
            # Acupuncture's bladder channel and its points, tests, and a long-known condition.
            r"\bbladder (meridian|channel|points?|line|acupoints?|energy|qi|\d+)\b",
            r"\b(bowel|bladder) (cancer|tumou?rs?)\b",
            r"\b(urine|stool|bladder|bowel) (tests?|samples?|specimens?|scans?)\b",
            r"\b(irritable bowel( syndrome)?|ibs|inflammatory bowel disease|overactive bladder)\b",
            # Bowls, the game ("bowls" for "bowels" is a sign: see BLADDER_WORD).
            r"\b(play\w*|lawn|carpet|indoor|outdoor|green|mat|game of|games of|at|to|from) bowls\b",
            r"\bbowls (club|clubs|green|greens|match|matches|league|team|night|season|player"
            r"|players|tournament|game|games)\b",
            # What leaks but urine: a disc, spinal fluid, a needle site, a roof.
            r"\b(discs?|fluid|csf|gel|jelly|sites?|wounds?|blisters?|cuts?|cysts?|roofs?|pipes?"
            rf"|taps?|tyres?|oil|gas)\b{NEAR_IN_CLAUSE}\bleak(s|ed|ing|age)?\b",
            r"\bleak(s|ed|ing|age)? (\w+ )?(discs?|fluid|csf|gel|jelly|oil|gas)\b",
        ),
    ),
    RedFlag(
        name="both_legs",
        label="Pain, weakness or numbness in both legs, sciatica in both legs, or being unsteady "
        "on your feet",
        advice=f"{EMERGENCY} Pain, weakness or numbness in both legs can mean the spinal cord or the "
        "nerves at the base of the spine are being squashed.",
        patterns=(
            # Near both legs, or in the legs: one pattern, as it is tried at every word.
            rf"\b{LEG_WEAKNESS}\b({NEAR}\b{BOTH_LEGS}\b"
            r"| (in|of|down|to) (my |the |his |her )?(legs|feet and legs)\b)",
            rf"\b{BOTH_LEGS}\b{NEAR}\b{LEG_WEAKNESS}",
            rf"\blegs\b (are|feel|feels|felt|have|keep|went|go|going|both)? ?(\w+ ){{0,2}}?"
            rf"{LEG_WEAKNESS}",
            r"\b(sciatica|nerve pain|shooting pain)\W+(\w+\W+){0,3}?(both (legs|sides)|each leg)",
            r"\bbilateral sciatica",
            # "Pain in both legs", "pain in both my legs", "in both of his legs".
            rf"\b({PAIN_WORD}|ache|aches|aching|hurt\w*)\b{NEAR}\bboth (of )?(my |the |his |her )?"
            r"(legs|sides)\b",
            # Not "both legs ache after a long day on my feet".
            r"\bboth (of )?(my |the )?legs (are |feel |have been )?(\w+ )?(hurt\w*|painful|sore|aching)",
            r"\b(weak|numb|num|tingly|dead|paralysed|paralyzed|wobbly|unsteady) legs\b",
            r"\blegs (are |feel |feels |felt |were |have been |keep |went |go |going )?(\w+ )?"
            r"(wobbl\w*|unsteady)",
            r"\blegs (went|go|goes|going|gave|give|giving) (way )?(out )?from under\b",
            r"\blegs (feel |felt |are |were |went |have gone )?(like |to )?jelly\b",
            # "Barely stand" is with the other standing below: not "I can hardly stand the pain".
            r"\b(barely|hardly) walk\b",
            rf"\b{LEGS_NOT_FELT}",
            # "My feet" as "my legs", but not numb from sitting, cold, shoes or neuropathy.
            MY_FEET,
            # Gone dead, right beside both legs or "my legs" (see GONE_DEAD): one leg that goes
            # dead is everyday.
            rf"\b({BOTH_LEGS}|legs)\b[^.!?,;\n]{{0,15}}?\b{GONE_DEAD}",
            rf"\b{GONE_DEAD}( (in|down))? ({BOTH_LEGS}|(my |his |her |the )?legs)\b",
            rf"\b{BOTH_LEGS} ((have|has|had|both|all|{AGAIN_AND_AGAIN}|on) )*{GONE_TO_SLEEP}"
            rf"{PRESSED}",
            rf"\blegs (are |were )?{AGAIN_AND_AGAIN} (on )?{GONE_TO_SLEEP}{PRESSED}",
            r"\b(unsteady|wobbly) on (my |his |her |your |our )?feet",
            r"\bbalance (problems?|issues?|trouble)|\bjelly legs\b|\b(double|both.sided) sciatica",
            r"\bwalking (difficult\w*|problems?)\b",
            r"\b(my |his |her )?balance (is|has been|was|is being|has got|got) (\w+ ){0,2}?"
            r"(affected|off|bad|poor|worse|gone|going)\b",
            r"\b(problems?|trouble|difficulty) with (my |his |her )?balance\b",
            r"\b(lost|losing|lose|keep losing|loss of) (my |his |her )?balance\b",
            r"\b(keep|keeps|kept|keep on) (falling|fall) (over|down)\b",
            r"\blegs (will not|won't|cannot|do not|don't|did not|didn't) (hold|support|carry) "
            r"(me|him|her)\b",
            r"\bwalking (is|has become|has got|gets|is getting|became) (\w+ )?(difficult|hard"
            r"|harder|a struggle)\b",
            r"\bboth (of )?(my |the )?legs (feel|are|have got|have been|got) (\w+ ){0,2}?worse\b",
            r"\b(difficulty|trouble|problems?|struggl\w*) (with )?walking\b",
            # Not "can't stand up straight" (bent with pain: the legs that fail are said apart,
            # "my legs give way") nor "for long" (a limit, as "can't stand for long" below); "can't
            # stand up straight away" may mean legs that fail, so it stays.
            # Not a walk's length or an errand ("I can't walk far", "for long", "the dog", "to
            # work"): a limit, as "can't stand for long" is, not legs that fail.
            r"\b(cannot|unable to|not able to) (walk\b(?! (very |as |that |too )?far\b| for long\b"
            r"| long distances?\b| any distance\b| (the |my |his |her |our )?dogs?\b| to (work|school"
            r"|the shops?)\b)|stand up\b(?! straight\b(?! away)| for long\b))",
            # Not being able to stand, where nothing follows but how ("I can't stand", "unable to
            # stand without help", "cannot stand or walk"): not the idiom ("can't stand the pain",
            # "can't stand needles", "can't stand it"), nor "can't stand for long" or "still".
            # "Can barely stand" too; "can't stand up straight or walk" for the walking.
            r"\b(cannot|unable to|not able to|can no longer|barely|hardly)"
            r" stand( up)?( (straight )?(or|and|nor) walk| on (my|his|her|their|your) (own|feet"
            r"|legs)| unaided| upright"
            r"| without (help|support|holding on)| at all| properly)?"
            # Not "I can't stand, sit or lie comfortably": pain, not legs that fail.
            r"(?=\s*$|\s*[.;!?]|\s*,(?! (or )?(sit|lie|bend))| (any ?more|since|now|today"
            r"|this morning)\b)",
            # "Struggling to walk", "finding it hard to walk" (not "hard to walk away from").
            r"\b(struggl\w*|hard|harder|difficult|a struggle|trouble|difficulty) to walk\b"
            r"(?! away)",
            # Being unsteady, as askers put it: "I feel off balance", "imbalance and dizziness",
            # "I felt I might fall over".
            r"\boff.balance\b",
            r"\bimbalance\b(?! (of|in|between)\b)",
            rf"\b(feel|feels|felt|feeling)( like| as if| as though)? ({WHO} |i'm |i am )?"
            r"(might|may|could|will|would|am going to|was going to|'m going to|going to|about to)"
            r" fall( over| down)?\b(?! (asleep|ill|pregnant|in love|apart|behind|for|into|through"
            r"|short|off|out|back|in)\b)",
        ),
        # An imbalance of energy, hormones or muscles is no unsteadiness.
        ignore=(
            r"\b(an|underlying|energy|energetic|hormon\w*|chemical|muscle|muscular|qi|chi|ki|yin|yang"
            r"|liver|kidney|spleen|heart|lung|stomach|organ"
            r"|electrolyte|postural|pelvic|emotional|sugar|gut|bacterial|nutritional|fluid|water"
            r"|hip|strength) imbalances?\b",
            # Legs weak or like jelly from laughing, or at a sight or a word, as the sayings have
            # it: "weak from laughing", "my legs went to jelly when I saw the bill". Legs weak or
            # like jelly for any other reason, or none said, are the sign.
            r"\b(weak|jelly|wobbly)( at the knees)?,? (from|with) (laughing|laughter|fear|fright"
            r"|nerves|excitement|shock|relief)\b",
            rf"\b(weak|jelly|wobbly)( at the knees)?,? when {WHO} (saw|see|heard|hear|read|met"
            r"|kissed|smiled|looked at|opened)\b",
            # Nothing felt of a needle going in or of a session, as in the saddle area.
            NOTHING_FELT_OF_A_NEEDLE_IN_THE_LEGS,
        ),
    ),
    RedFlag(
        name="chest_pain",
        label="Chest pain",
        advice=f"{EMERGENCY} Chest pain with back pain can come from the heart or the large blood "
        "vessels, and needs checking at once.",
        patterns=(
            r"\bchest (pain|pains|ache|aches|aching|tightness|hurts|hurting)\b",
            r"\bchest (is|feels|felt|was|has been|is feeling) (very |really |a bit |so )?(tight"
            r"|painful|sore|heavy|killing (me|him|her))\b",
            r"\b(pain|pains|ache|tightness|pressure) (in|across|around) ((my|the|his|her) )?chest\b",
            # Where in the chest, how it feels, and where it goes, as the NHS page on chest pain
            # describes it ("heaviness in my chest", "pain in the middle of my chest", "pain
            # spreading from my chest to my back"): not a chest of drawers or a chest freezer.
            r"\b(pain|pains|ache|aching|tightness|pressure|heaviness|squeezing|crushing|discomfort)"
            r"( (spreading|going|moving|radiating|shooting))? (in|across|around|from|through)"
            r" (the (middle|centre|center|left side|right side|left|right) of )?((my|the|his|her) )?"
            r"chest\b(?! (of drawers|freezers?|press|expanders?)\b)",
            r"\bsore chest\b",
            r"\btight (chest|feeling in my chest)\b",
            # Where askers feel it as the heart: "my heart hurts", "pain around my heart".
            r"\bheart (pain|pains|hurts|is hurting|ache)\b|\bpains? (in|around) (my|the|his|her) heart\b",
            # As searched: "chest and back pain", "chest pressure", "angina back pain".
            r"\bchest (and|&|or) (upper |lower |middle )?back (pain|ache)s?\b",
            r"\bchest (pressure|discomfort|heaviness)\b",
            rf"\b(angina|heart attack)\b{NEAR}\b{BACK}\b",
            rf"\b{BACK}\b{NEAR}\b(angina|heart attack)\b",
        ),
    ),
    RedFlag(
        name="breathless",
        label="Shortness of breath, or sharp pain when you breathe in",
        advice=f"{EMERGENCY} A needle in the chest, upper back or shoulders can, rarely, let air "
        "in around a lung (a collapsed lung, or pneumothorax), and this can start hours after the "
        "session. Being short of breath with back pain can also come from the heart or lungs.",
        patterns=(
            r"\b(short(ness)? of breath|breathless\w*|pneumothora\w*)",
            r"\b(collapsed|punctured|pierced) (a |my |his |her |the |their )?lungs?\b",
            rf"\b(difficulty|trouble|struggl\w*|problems?|hard|{CANNOT}) (to |with |in )?"
            # "breath" for "breathe" too, as askers often type it ("I cant breath").
            rf"(breath(e|ing)?|catch(ing)? {WHOSE} breath|get(ting)? (my|a|his|her) breath)\b",
            rf"\b(hurts?|{PAIN_WORD}|sharp|stabbing|catch\w*) (\w+ ){{0,3}}?(when|as|if|to|on) "
            rf"({WHO} )?(breathe|breathing|breath)\b",
            rf"\b(hurts?|{PAIN_WORD}|sharp|stabbing|catch\w*) (\w+ ){{0,3}}?(when|as|if|to|on) "
            rf"({WHO} )?(take|taking|took) (a )?(deep |big )?breaths?\b",
            r"\bbreathing (in |deeply )?(is |was |has been )?(hurts|painful|difficult|hard"
            r"|laboured|labored|an effort)\b",
            rf"\bout of breath\b{NEAR}\b(acupuncture|{NEEDLE}|session|treatment)",
            rf"\b(acupuncture|{NEEDLE}|session|treatment)\b{NEAR}\bout of breath\b",
            # As searched: "breathing difficulty", "painful breathing", "short breath".
            r"\bbreathing (difficult\w*|problems?|trouble|issues?)\b",
            r"\b(painful|pain|pains|sharp|stabbing|hurts?|hurting) (on |when )?breathing\b",
            r"\bshort breath\b",
            r"\blungs? (puncture\w*|collapse\w*)",
            # Gasping or fighting for breath, or not getting enough air ("I was gasping for
            # breath", "struggling for air", "I can't get enough air"): not "gasping for a cuppa".
            r"\b(gasp\w*|struggl\w*|fight\w*) for (breath|air)\b",
            rf"\b{CANNOT} get (enough )?(air|breath)\b(?! (in|into|out)\b)",
        ),
        ignore=(
            # A blocked nose is not it.
            rf"\b(breath|breathe|breathing) (\w+ )?through {WHOSE} (nose|nostrils?)\b",
            # Asking whether a treatment helps trouble breathing ("acupuncture for breathing
            # problems", "does acupuncture help shortness of breath"), or trouble breathing said
            # of a breathing condition ("shortness of breath from my asthma", "asthma and
            # breathing problems"), not of a session.
            rf"\b({TREATMENT_HELPS} ((my|his|her|your|their|the|a) )?{BREATHING_TROUBLE}"
            rf"|{BREATHING_TROUBLE}( \w+){{0,2}}? (from|with|because of|due to|caused by|of|like"
            rf"|such as) ((my|his|her|the|their|your) )?{LUNG_CONDITION}"
            rf"|{LUNG_CONDITION}( \w+){{0,2}}? (and|or|with|causes|caused|gives|give|gave) "
            rf"(\w+ ){{0,2}}?{BREATHING_TROUBLE})"
            # Not where a session is said after ("... from my asthma since the needles").
            r"(?![^.!?\n]*\b(since|after|following)\b)",
            # A search of a few words for a treatment of a breathing condition ("acupuncture copd
            # shortness of breath"), saying no since or after.
            rf"^(?=[\w' ]{{0,60}}$)(?=.*\b{LUNG_CONDITION})(?=.*\b(acupuncture|needling|cupping"
            r"|moxa\w*)\b)(?!.*\b(since|after|following|from|today|now|cannot|struggl\w*)\b).*",
        ),
    ),
    RedFlag(
        name="sudden_severe_headache",
        label="A headache that came on suddenly and is extremely painful, or a headache with a "
        "stiff neck",
        advice=f"{EMERGENCY} A sudden, very bad headache can mean bleeding in or around the brain. "
        "So can a very bad headache with feeling drowsy or confused, problems speaking or seeing, "
        "or passing out. A headache with a stiff neck, more so with a high temperature or a rash, "
        "can mean meningitis. Do not drive yourself.",
        patterns=(
            # "Sudden", a word of severity and the headache in one sentence, in any order.
            rf"\b{SUDDEN_SEVERE}\b{NEAR}\b{HEADACHE}",
            rf"\b{HEADACHE}\b{NEAR}\b{SUDDEN_SEVERE}",
            rf"\b{SEVERE}\b{NEAR}\b{HEADACHE}\b{NEAR}\b{SUDDEN}",
            rf"\b{SUDDEN}\b{NEAR}\b{HEADACHE}\b{NEAR}\b{SEVERE}",
            # "Sudden bad headache": "bad" only as the headache's own word ("bad back pain" is not
            # severe enough for the other signs).
            # "Splitting" and "blinding" as severe only of the headache too ("a sudden splitting
            # headache", "a blinding headache came on suddenly").
            rf"\b{SUDDEN}\b{NEAR}\b(bad|splitting|blinding) {HEADACHE}",
            rf"\b(bad|splitting|blinding) {HEADACHE}\b{NEAR}\b{SUDDEN}",
            rf"\bworst {HEADACHE}s?\b[^.!?\n]{{0,30}}?\b(ever|of (my|his|her|their) li(fe|ves))\b",
            # "The worst headache", with or without "ever": not "my worst headaches are on Mondays".
            rf"\bworst {HEADACHE}\b",
            r"\bthunderclap\b",
            rf"\b{SEVERE_HEADACHE}\b{NEAR}\b{WITH_SEVERE_HEADACHE}",
            rf"\b{WITH_SEVERE_HEADACHE}\b{NEAR}\b{SEVERE_HEADACHE}",
            # A headache with a stiff neck, severe or not (meningitis): one headache, not the
            # "headaches and a stiff neck" of every day at a desk, nor a tension headache.
            rf"\b(?<!tension ){HEADACHE}\b{NEAR}\b{STIFF_NECK}",
            rf"\b{STIFF_NECK}\b{NEAR}\b(?<!tension ){HEADACHE}\b",
        ),
        ignore=(SUDDENLY_EASED,),
    ),
    RedFlag(
        name="stroke",
        label="A face that has dropped on one side, sudden weakness or numbness down one side of "
        "the body or in one arm, or slurred speech (signs of a stroke)",
        advice=f"{EMERGENCY} A face dropped on one side, weakness or numbness down one side of the "
        "body or in one arm, and speech that is slurred or muddled can be signs of a stroke, which "
        "needs treating as soon as possible. Call even if the signs go away. Note the time they "
        "started.",
        patterns=(
            # "Her face has dropped on one side", "his mouth is droopy", "a lopsided smile".
            rf"\b{FACE}\b( \w+){{0,3}}? {DROPPED}\b",
            rf"\b{DROPPED} {FACE}\b",
            rf"\b(one|the|a) side of {WHOSE} {FACE}\b{NEAR_IN_CLAUSE}\b{DROPPED}\b",
            r"\b(facial|face|mouth) droop\b",
            # Weakness or numbness down one side of the body or face.
            rf"\b(weak\w*|{NUMB}|paraly[sz]\w*|cannot move)\b{NEAR}\b(down |on |in )?"
            rf"{ONE_SIDE_OF_THE_BODY}\b",
            rf"\b{ONE_SIDE_OF_THE_BODY}\b{NEAR}\b(weak\w*|{NUMB}|paraly[sz]\w*|dead|heavy)",
            # One arm suddenly weak or not moving: not an arm that cannot be lifted above the head
            # (a frozen shoulder's), nor one gone numb (a nerve's or a night's).
            rf"\b{SUDDEN}\b{NEAR}\b(weak\w*|cannot (lift|raise|move)|paraly[sz]\w*)\b"
            rf"{NEAR_IN_CLAUSE}\b(one|an|my|his|her|their|left|right) arm\b",
            # Slurred or garbled speech ("his speech is slurred", "slurring her words").
            rf"\b(speech|words|talking|speaking)\b( \w+){{0,3}}? {SLURRED}\b",
            rf"\b{SLURRED} (\w+ )?(speech|words|talking|speaking)\b",
            # A stroke feared now ("I think I'm having a stroke", "could this be a mini stroke?").
            r"\b(i'm|i am|he's|he is|she's|she is|they're|they are|am i|is (he|she)|was|were|be)"
            r" having (a |another )?(mini[- ]?)?stroke\b",
            r"\b(could|might|may|is) (it|this|that) (be )?(a |another )?(mini[- ]?)?stroke\b",
            r"\b(think|thought|worried|afraid|scared|fear|wonder\w*|just) (\w+ ){0,3}?"
            r"(had|has had|having) (a |another )?(mini[- ]?)?stroke\b",
        ),
        # A sentence naming a Bell's palsy, but for a droop of the last hours, or one come on
        # suddenly or a palsy only asked about and not weeks ago (see PALSY_OF_THE_PAST,
        # PALSY_ASKED), or a stroke of the past but no sign
        # said to be new, whose signs they are; slurring in drink ("after a few pints my speech
        # was slurred").
        ignore=(
            a_sentence_naming(PALSY, unless=rf"\b({JUST_NOW}|{SUDDEN}|{PALSY_ASKED})"),
            a_sentence_naming(PALSY, PALSY_OF_THE_PAST, unless=rf"\b{JUST_NOW}\b"),
            a_sentence_naming(STROKE_OF_THE_PAST, unless=SAID_NEW),
            r"\b(drunk|drinks?|drinking|wine|beer|alcohol|pints?)\b[^.!?\n]{0,40}?\bslurr\w*",
        ),
    ),
    RedFlag(
        name="anaphylaxis",
        label="Swelling of your lips, tongue or throat, a tight throat, or lips or tongue turning "
        "blue (a severe allergic reaction)",
        advice=f"{EMERGENCY} Lips, tongue or throat that swell, a throat that feels tight, trouble "
        "breathing or swallowing, or lips turning blue can be a severe allergic reaction "
        "(anaphylaxis). If you have an adrenaline auto-injector, use it too. Lie down with your "
        "legs raised, or sit up if that helps you breathe.",
        patterns=(
            # "My lips are swelling", "my tongue has swollen up", "my throat is closing up".
            rf"\b{ALLERGY_SWELLS}\b( \w+){{0,3}}? {SWELLING_UP}\b",
            rf"\b(swollen|swelling|puffy) {ALLERGY_SWELLS}\b",
            rf"\b{THROAT_TIGHT}\b",
            r"\b(lips?|tongue|face) (\w+ ){0,2}?(turned|turning|gone|going|went|are|is) blue\b",
            r"\banaphyla\w*",
            # An allergy said with swelling, breathing trouble or swallowing in one sentence.
            rf"\b{ALLERGIC}\b{NEAR}\b({SWELLING_UP}|{BREATHING_TROUBLE}|swallow\w*)",
            rf"\b({SWELLING_UP}|{BREATHING_TROUBLE}|swallow\w*)\b{NEAR}\b{ALLERGIC}",
        ),
        # A sentence of a throat or glands swollen with a cold or tonsils, lips blue with the
        # cold, a cold sore or a filler; not "I went cold" (clammy).
        ignore=(
            a_sentence_naming(
                r"\b(tonsil\w*|glands?|sore throat|cold sores?|fillers?|(a|the|head|common) cold"
                r"|colds|flu|strep)\b"
            ),
        ),
    ),
    RedFlag(
        name="burst_aneurysm",
        label="Back or tummy pain with feeling dizzy or faint, severe pain with feeling sweaty or "
        "clammy, or a tearing or ripping pain",
        advice=f"{EMERGENCY} Pain in the back or tummy with feeling dizzy or faint, or severe pain "
        "with feeling sweaty or clammy, can mean that the main blood vessel in the tummy has burst "
        "(an abdominal aortic aneurysm). A tearing or ripping pain in the back or chest can mean "
        "that the main blood vessel from the heart has torn (an aortic dissection). Do not drive "
        "yourself.",
        patterns=(
            rf"(?s:\b{SUDDEN_SEVERE}.{{0,200}}?\b{FAINTNESS})",
            rf"(?s:\b{FAINTNESS}.{{0,200}}?\b{SUDDEN_SEVERE})",
            # Without "sudden", only within one sentence.
            rf"\b{SEVERE_PAIN}\b{NEAR}\b{FAINTNESS}",
            rf"\b{FAINTNESS}\b{NEAR}\b{SEVERE_PAIN}",
            # Sudden pain and faintness, in one sentence in any order, as searched ("back pain
            # dizzy faint sudden"): lookaheads from the start of a sentence.
            rf"(?:^|[.!?\n])(?=[^.!?\n]*\b{SUDDEN}\b)(?=[^.!?\n]*\bpain)"
            rf"(?=[^.!?\n]*\b{FAINTNESS})",
            # Pain in both the tummy and the back, and faintness, in one sentence ("pain in my
            # tummy and back, I feel faint and clammy"), as a burst aneurysm shows, however bad.
            rf"(?:^|[.!?\n])(?=[^.!?\n]*\b(tummy|stomach|abdom\w*|belly)\b)(?=[^.!?\n]*\b{BACK}\b)"
            rf"(?=[^.!?\n]*\b({PAIN_WORD}|ache|aches|aching|hurt\w*))(?=[^.!?\n]*\b{FAINTNESS})",
            # Pain that nearly made one pass out says both ("I nearly passed out from the back
            # pain", "the pain was so bad I almost blacked out"), not pain from a needle going in.
            rf"\b(nearly|almost)( \w+)? {NEARLY_OUT}\b( \w+)? (with|from|because of) "
            rf"(the |my |this )?((\w+ ){{0,2}}?({BACK}|tummy|stomach|abdom\w*) )?({PAIN_WORD}|agony)\b"
            rf"(?![^.!?\n]{{0,40}}?\b({NEEDLE}|acupuncture|session|treatment)\b)",
            rf"\b({PAIN_WORD}|agony)\b (is|was|got|gets) so (bad|severe|intense|strong)( that)? "
            rf"{WHO} (nearly|almost) {NEARLY_OUT}\b",
            # The back's pain with feeling faint or dizzy, in one sentence, however bad ("my back
            # pain made me feel faint", "the pain in my back is so bad I feel dizzy"): the NHS page
            # on abdominal aortic aneurysm names pain in the back with feeling dizzy or fainting
            # among a burst one's signs, and askers do not always say how bad. Not a faint of a
            # session or a needle (see FAINT_OF_A_SESSION), nor a question asked in general.
            rf"(?:^|[.!?\n])(?=[^.!?\n]*\b{FEELING_FAINT}){BACK_HURTING}"
            rf"(?![^.!?\n]*{FAINT_OF_A_SESSION})(?![^.!?\n]*{ASKED_IN_GENERAL})",
            rf"\baortic aneurysm|\baneurysm\b{NEAR}\b({BACK}|tummy|stomach|abdom\w*)\b",
            # A tearing or ripping pain (a torn aorta), named or as felt: "tearing back pain", "it
            # feels like something is ripping inside my chest".
            rf"\b{TEARING_PAIN}|\baortic dissection|\bdissect\w* (an |the |my )?aorta\b",
            rf"\b{PAIN_WORD}\b[^.,;!?\n]{{0,25}}? (is|was|feels|felt) (like )?(\w+ )?(tearing|ripping)\b"
            r"(?! (up|off|out|\w+ apart)\b)",
            rf"\b(feels?|felt|feeling) (like|as if|as though) (something|{WHOSE} (back|chest"
            r"|insides?|spine|tummy|stomach)) (is |was )?(tearing|ripping)\b"
            r"(?! (up|off|out|\w+ apart)\b)",
            rf"\b({BACK}|tummy|stomach|abdom\w*)\b{NEAR}\baneurysm",
        ),
    ),
    RedFlag(
        name="collapse",
        label="Collapsing or passing out when it is not clear why",
        advice=f"{EMERGENCY} Collapsing or passing out when it is not clear why needs checking at "
        "once: it can come from the heart or from bleeding inside. Fainting during a session or at "
        "the sight of needles, when you come round within a minute or two, is common and usually "
        "harmless: tell your practitioner.",
        patterns=(
            # "I collapsed when I got out of bed", "my husband passed out", "got up and collapsed".
            rf"\b{LOST_CONSCIOUSNESS}\b{NOT_A_COLLAPSE}{NOT_SAID_OF_A_THING}",
            r"\bfound (me|him|her|them|you|\w+) (unconscious|collapsed|passed out)\b",
            # "Found him on the floor unconscious", "found my dad unconscious".
            r"\bfound (me|him|her|them|you|(my|his|her|our|their) \w+)\b[^.!?,;\n]{0,30}?"
            r"\bunconscious\b",
            # "I had a collapse", "I keep having blackouts"; not "we had a blackout" (a power cut).
            r"(?<!\bwe )\b(had|have|has|having|get|gets|getting|got) (a |another |some |several "
            r"|many )?"
            r"(sudden |brief |short )?(collapse|black ?outs?)\b",
        ),
        # What comes before a collapse that is not one: nearly, or felt as if ("I nearly
        # collapsed", "I felt like I was collapsing"); a faint during a session ("during the
        # session I passed out"); drink; a disc, a lung or a business that collapsed ("my disc has
        # worn and collapsed"), or legs and a back that gave way (the both-legs sign's).
        ignore=(
            r"\b((nearly|almost|could have|would have|might have|may have|'d have)"
            r"|(feel|feels|felt|feeling) (like|as if|as though)( \w+){0,3}?"
            r"|(during|in the middle of) (the |my |a |his |her |an )?(first |last |second )?"
            r"(acupuncture|session|treatment|appointment)\b[^.!?\n]{0,30}?"
            r"|(drunk|drinks?|drinking|wine|beer|alcohol|pints?|party)\b[^.!?\n]{0,30}?"
            r"|(dis[ck]s?|vertebra\w*|spine|back|lungs?|arch(es)?|veins?|legs?|knees?|ankles?|roof"
            r"|ceiling|tent|chair|business|company|market|deal|plans?|space|bones?)"
            # Up to a person's word: "my back hurt so much I collapsed" is a person's.
            r"( (?!(i|he|she|they|we|you|my|his|her|our|their)\b)\w+){0,6}?) "
            rf"{LOST_CONSCIOUSNESS}",
        ),
    ),
    RedFlag(
        name="sexual_function",
        label="New problems getting an erection, or no feeling during sex",
        advice=f"{EMERGENCY} A new change in sexual function with back pain can mean the nerves "
        "at the base of the spine are being squashed (cauda equina syndrome).",
        patterns=(
            r"\b(cannot|unable to|inability to|change in (my |your )?ability to|trouble|difficulty"
            r"|problems?|struggl\w*( to)?|not able to) (get|getting|keep|keeping|maintain\w*"
            r"|achiev\w*) (an |my )?erections?\b",
            r"\b(cannot|unable to|inability to|trouble|difficulty|problems?) (\w+ ){0,5}?"
            r"ejaculat\w*",
            # Not being able to come, as women say it too ("I can't orgasm", "can't climax").
            r"\b(cannot|unable to|not able to|inability to|struggl\w* to|trouble|difficulty)"
            r" (reach(ing)? (an? )?|hav(e|ing) (an? )?)?(orgasm\w*|climax)\b",
            r"\berectile\b|\bimpoten\w*|\berections? (problems?|issues?|trouble)",
            r"\b(cannot|unable to|not able to|trouble|difficulty|problems?|struggl\w*( to)?) (get"
            r"|getting|keep|keeping|stay|staying) hard\b(?=$|[^ \w]| (any ?more|since|now|at all|or"
            r"|and|during|with|for|when|properly|enough)\b)",
            # "Can't get it up" ends its sentence or says since when; "it up" alone is as often
            # exercise kept up or a hoover got up the stairs, so otherwise sex must be named.
            r"\b(cannot|unable to|not able to|trouble|difficulty|problems?|struggl\w*( to)?) (get"
            r"|getting) it up(?=\s*$|\s*[.!?]| (any ?more|since|at all|properly)\b)",
            r"\b(cannot|unable to|not able to|trouble|difficulty|problems?|struggl\w*( to)?) (get"
            rf"|getting|keep|keeping) it up\b{NEAR}\b{SEX}",
            rf"\b{SEX}{NEAR}\b(cannot|unable to|not able to|trouble|difficulty|problems?"
            r"|struggl\w*( to)?) (get|getting|keep|keeping) it up\b",
            r"\b(no|lost|loss of|reduced|less|cannot) (feel\w*|sensation)\b[^.!?\n]{0,20}?"
            r"(during|when having|in) (sex|intercourse)\b",
            # "Sex feels numb", "intercourse is numb now".
            rf"\b(sex|intercourse)\b (\w+ ){{0,2}}?(feels?|felt|is|was) (\w+ )?({NUMB}|num)\b",
            # "Numb when I have sex" (not a leg that goes numb: see ignore).
            rf"\b{SENSATION_LOSS}\b{NEAR}\b(during|when|while|in|after) ({WHO} (have|has|had"
            r"|am having|are having|was having|were having) |having )?(sex|intercourse"
            r"|making love)\b",
        ),
        ignore=(
            rf"\b(legs?|foot|feet|arms?|hands?|toes|fingers)\b (\w+ ){{0,2}}?({NUMB}|tingl\w*"
            r"|pins and needles)",
        ),
    ),
    RedFlag(
        name="cauda_equina",
        label="Symptoms of cauda equina syndrome, or you think you may have it",
        advice=f"{EMERGENCY} Cauda equina syndrome, when the nerves at the base of the spine are "
        "squashed, needs treating in hospital within hours. Its signs include numbness around your "
        "genitals or bottom, new trouble peeing or pooing, and weakness or numbness in both legs.",
        # Naming it is the sign: "could I have cauda equina?", "CES symptoms". So is "cauda
        # equina was ruled out" (see the module's docstring).
        patterns=(
            r"\b(cauda|equina)\b",
            r"\bces (symptoms?|signs?|syndrome|red flags?)\b",
            r"\b(have|has|had|got|with|suspected|suspect|possible|query|queried|ruled out|rule out"
            r"|diagnosed with|signs of|symptoms of|checked for|test for|scan for|scanned for"
            r"|could (it|this) be)"
            r" ces\b",
        ),
    ),
    RedFlag(
        name="rapidly_worsening",
        label="Symptoms that are getting worse quickly",
        advice=f"{EMERGENCY} Pain, numbness or weakness that is getting worse quickly needs to be "
        "seen by a doctor today.",
        patterns=(
            rf"\b(getting|got|gotten|become|becoming|became|gone|going|gets|get) (much |a lot |far "
            rf"|even )?worse (and worse )?(very |so |really )?{QUICKLY}",
            r"\b(getting|got|gotten|becoming|became|gone|going|gets) (very |so )?"
            r"(quickly|rapidly|suddenly) (much |a lot |far )?worse",
            r"\b(quickly|rapidly|suddenly) (getting |got |gotten |become |becoming |gone |much "
            r"|far |a lot )*worse",
            r"\b(rapid(ly)?|quick(ly)?|fast) deteriorat\w*|\bdeteriorat\w* (rapidly|quickly|fast)",
            r"\bworsening (rapidly|quickly|fast)\b|\bsudden(ly)? worsening\b",
            # Numbness, or a leg's weakness, that grows: a nerve more and more squashed. Not
            # "getting weaker with age". "Getting number" as more numb, but not the noun ("a
            # growing number of people", "I've gone number two").
            rf"\b{GROWING} (number\b(?! (of|one|two|\d+)\b)|more (and more )?numb\b)",
            rf"\b(legs?|foot|feet|ankles?|toes)\b{NEAR}\b{GROWING} (weaker|more (and more )?weak)\b",
            rf"\b{GROWING} (weaker|more (and more )?weak)\b{NEAR}\b(legs?|foot|feet|ankles?|toes)\b",
            # Numbness or weakness that spreads, or is getting worse (pain that does is common).
            r"\b(numbness|weakness)( in (my|his|her|the|both) \w+)? (is |has |keeps |has been "
            r"|started )?(spreading|spread"
            r"|getting worse|worsening)\b",
            rf"\b({NUMB}|weak\w*|tingl\w*) (\w+ )?spreading up\b",
        ),
    ),
    RedFlag(
        name="thoughts_of_suicide",
        label="Thoughts of ending your life or of harming yourself",
        advice="If you might act on these thoughts, or have harmed yourself, call 999 or go to A&E "
        "now. If not, talk to someone today: call NHS 111 and choose the mental health option, or "
        "Samaritans free on 116 123, day or night. Pain that goes on can wear anyone down, and "
        "there is help for how you feel as well as for the pain.",
        # Said outright: not "the pain is killing me", "I could kill for a night's sleep", "I
        # want to take my life back" or "I don't want to live with this pain".
        patterns=(
            r"\bsuicid\w*",
            r"\b(kill|killing|killed|end|ending|take|taking) (myself|it all"
            r"|my (own )?life(?! back))\b",
            r"\b(want|wanted|wanting|wish|wished) (\w+ ){0,2}?(to die|(i|i'd) (was|were|be) dead"
            r"|to be dead|to not be here|not to be here|i (wasn't|was not|weren't) here)\b",
            # Not wanting to live: not to live with pain, or somewhere; not to go on or carry on
            # but at the end of the clause ("I don't want to go on like this", not "... go on
            # holiday").
            r"\b(do not|don't|didn't|no longer) want to (be alive|live)\b"
            r"(?! (with|in|at|near|on|there|here|abroad|alone|together|by|through)\b)",
            r"\b(do not|don't|didn't|no longer) want to (be here|go on|carry on)( like this"
            r"| living)?( any ?more)?(?= *([.,;!?\n]|$))",
            r"\bbetter off (dead|without me)\b",
            r"\bno (point|reason) (in )?(living|being alive|being here|going on|carrying on)\b",
            r"\b(harm|harming|harmed|hurt|hurting) myself (on purpose|deliberately)\b",
            r"\bself[- ]?harm\w*",
            r"\b(took|taken|take|taking) an overdose\b",
        ),
    ),
    RedFlag(
        name="pregnancy",
        label="You are pregnant and have severe pain in your back or bump, bleeding, tightenings, "
        "leaking fluid, or your baby is moving less",
        advice="Call your midwife or maternity unit now, or NHS 111 if you cannot reach them. "
        "Call 999 if you are bleeding heavily. In pregnancy these can mean labour is starting "
        "early, or another problem that needs checking straight away.",
        patterns=(
            both_anywhere(rf"{PREGNANT}\b", IN_PREGNANCY_URGENT),
            # Signs that say the pregnancy themselves: "my waters broke", "my waters are leaking",
            # "baby not moving as much".
            rf"\b((my|her|your|the) )?{WATERS}(broken|broke|breaking)\b"
            rf"|\b(my|her|your) {WATERS}(went|gone|leak\w*)\b"
            r"|\b(reduced|fewer|less) (fetal|foetal) movements\b",
            BABY_MOVING_LESS,
            NOT_FELT_YET,
        ),
        ignore=(
            # Where a needle went in, and muscles: not the womb.
            r"\b(needles?|points?|sites?)\b[^.!?\n]{0,25}?\bbl(ed|eed\w*)\b",
            r"\bmuscles?( spasms? and)? (contractions?|tightenings?)\b",
            r"\b(contractions?|tightenings?) (of|in) (the |my )?muscles?\b",
        ),
    ),
    RedFlag(
        name="foot_drop",
        label="Your foot drags or slaps when you walk, or you cannot lift the front of your foot",
        advice=f"{URGENT} A foot that drags or cannot be lifted (foot drop) can mean a nerve in "
        "your back is badly squashed. It needs a doctor's opinion soon, as it may need treating "
        "quickly.",
        patterns=(
            r"\b(foot ?drops?|drop(ped)? foot)\b",
            r"\b(foot|feet) (is |are |keeps |keep |has been |have been |started )?"
            r"(dragg\w*|drags|drag|slap\w*|flop\w*)",
            rf"\bdrag\w* ({WHOSE} (left |right |bad )?(foot|feet|leg)|both (of )?({WHOSE} )?(feet|legs))\b",
            rf"\b{CANNOT} (lift|raise|pull up|bend up) (the front of )?({WHOSE} )?(left |right )?"
            r"(foot|toes|ankle)",
            rf"\bcatch\w* {WHOSE} (toes|foot) (on|when|as)\b",
            r"\btoes (keep |are |have been |started )?(dragg\w*|drag|catch\w*|scuff\w*)",
            # Not "a trip on foot".
            rf"\b(?!trips? on foot\b)trip\w* (over|on) ({WHOSE} )?(own )?(foot|feet|toes)\b",
            # One foot or leg dragging, as searched ("dragging foot"): not the idiom's feet.
            r"\bdragg\w* (left |right )?(foot|leg)\b|\bflopp?y foot\b",
            r"\bfoot (won't|will not|doesn't|does not|cannot) lift\b",
        ),
        ignore=(rf"\bdrag\w* {WHOSE} feet (about|over|on|with|in|when it comes)\b",),
    ),
    RedFlag(
        name="fever",
        label="A high temperature (fever), or feeling hot and shivery, with your back pain",
        advice=f"{URGENT} Back pain with a fever can be a sign of an infection.",
        patterns=(
            r"\bfever(s|ish)?\b",
            r"\b(very |slightly )?(high|raised) temp(erature|eratures|s)?\b",
            r"\b(running|have|has|had|got) a temperature",
            # "Back pain with a temperature", "temperature and back pain", not "room temperature"
            # or "the temperature of the needles" (see ignore), nor "pain and temperature
            # sensation", which a numb leg may lose. "Temp" only when high, or straight after
            # the pain ("back pain and a temp"): "a temp" may work at reception.
            r"\b(have|has|had|got|running|developed|get|getting|gets|with|and|plus) a "
            rf"{A_TEMPERATURE}",
            rf"\b(pain|pains|ache|aches|aching|backache|sciatica),?( and| with| plus| &)? (a )?"
            rf"{A_TEMPERATURE}",
            r"\b(pain|pains|ache|aches|aching|backache|sciatica),?( and| with| plus| &) a temp\b"
            r"(?! (job|jobs|work|worker|agency|contract|role|post|covering|receptionist|nurse)\b)",
            r"\btemperature,? (and|with|plus|&) (\w+ )?(back ?(pain|ache)|backache|sciatica|pain"
            r"|aches)\b",
            # Chills or shivers with it are feeling hot and shivery.
            r"\b(chills|shivers|rigou?rs)\b",
            # In Celsius, or in Fahrenheit as American askers give it.
            r"\btemp(erature)? (of |is |was )?(3[89]|4[01]|10[0-5])\b",
            r"\b(3[89]|4[01])(\.\d)? ?(°|degrees)|\b10[0-5](\.\d)? ?(°|degrees) ?f",
            r"\bhot and (cold|shivery)|\bshivery\b|\bshivering\b|\bnight sweats?\b",
            r"\bnight[- ]?time (sweats?|sweating)\b",
            # Sweats, as askers have the NHS's fever with back pain: "back pain sweats", "the
            # sweats", "sweating at night", "I wake up drenched". Not sweat at the gym, nor "no
            # sweat" (see ignore).
            r"\b(the|cold|hot|drenching|soaking|bad) sweats\b",
            rf"\bsweats\b{NEAR}\b{BACK}\b|\b{BACK}\b{NEAR}\bsweats\b",
            r"\bsweat(s|ing|y)?\b[^.!?\n]{0,20}?\b(at|in the|during the|every|through the|all)"
            r" night\b",
            r"\b(wak\w*|woke|woken) (up )?(\w+ )?(sweating|drenched|soaked|in a sweat)\b",
            r"\b(sheets|pyjamas|pajamas|bed) (are |were |is |was )?(\w+ )?(soaked|drenched)\b",
            # A search of a few words: "back pain sweating", "sciatica sweaty" (not "sweaty back").
            rf"^(?=[\w' ]{{0,40}}$)(?=.*\b{BACK_PAIN}\b).*\bsweat(s|ing|y)?\b",
            r"\btemperature (is |was |has been )?(very |really )?(high|raised|up)\b",
            # An infection of the spine or kidney, named: the fever's causes the advice is for.
            r"\bpyrexi\w*|\bdiscitis\b|\bosteomyelitis\b|\bepidural abscess"
            r"|\b(spinal|spine|disc|kidney) infection",
        ),
        ignore=(
            # "No night sweats", "I don't have a temperature": the sign denied, not had.
            DENIED_FEVER,
            r"\b(hay|cabin|glandular|scarlet) fever\b",
            r"\bfever pitch\b",
            r"\b(room|water|air|outside|outdoor|indoor|needle|ambient|bath|oven|weather) "
            r"temperatures?\b",
            r"\bthe temperature of\b",
            # Heat and ice for a bad back, not feeling hot and cold.
            r"\bhot and cold (packs?|compress\w*|therap\w*|treatments?|water|showers?|baths?"
            r"|pads?|gel)\b",
            # Fear, as the sayings have it: "needles give me the shivers", "chills down my spine".
            r"\b(give|gives|gave|giving|send|sends|sent|sending) (me |him |her |you )?(the )?"
            r"(chills|shivers)\b",
            r"\b(chills|shivers) (down|up) (my|your|his|her|the) (spine|back)\b",
            # Sweat of effort, the sayings and clothes: "I sweat at the gym", "no sweat", "broke a
            # sweat", "don't sweat it", "grey sweats".
            r"\bsweat\w* (\w+ )?(at|in|during|from|after) (the |my |a )?(gym|workout|exercise|sauna"
            r"|steam room|yoga|hot yoga|run|running|spin class|class|heat|sun)\b",
            r"\bno sweat\b|\b(break|breaks|broke|breaking|work|works|worked|working) (up )?a "
            r"(\w+ )?sweat\b|\bsweat(s|ing)? (it|the small stuff)\b",
            r"\b(wear|wears|wearing|wore|pair of|grey|gray) sweats\b",
        ),
    ),
    RedFlag(
        name="needle_site_infection",
        label="Where a needle went in is hot, swollen, oozing or spreading red",
        advice=f"{URGENT} A needle site that gets hot, swollen or oozes, or redness that spreads, "
        "can be an infection, which needs treating quickly. Small red marks or a bruise that "
        "fade within a day or two are usual.",
        patterns=(
            rf"\b({INFLAMED_SKIN})\b{NEAR}\b{NEEDLED}",
            rf"\b{NEEDLED}\b{NEAR}\b({INFLAMED_SKIN})",
            # "Infected needle site", "needle site infected", but not "can needles get infected?"
            rf"\binfected {NEEDLED} {NEEDLE_SITE}\b",
            # Hot or swollen alone, said of the site: "where a needle went in is swollen", "the
            # needle site feels hot", "swollen where the needle went in", "swelling at needle
            # site", "swollen needle site".
            rf"\b{WHERE_NEEDLED}{SAID_OF_SITE} {HOT_OR_SWOLLEN}\b",
            # As searched, the feature straight after the site and nothing it is of ("needle site
            # hot", not "acupuncture points swollen ankles").
            rf"\b{WHERE_NEEDLED} {HOT_OR_SWOLLEN}(?=\s*$|\s*[.,;:!?)]| (and|or|but|after|since"
            r"|from|with|now|again|still|today|for)\b)",
            rf"\b{HOT_OR_SWOLLEN}( (up|lumps?|bumps?|spots?|patch|skin|and \w+))?( (at|around|round"
            rf"|on|near|by|in|of|over)( the| a| my| one of the| each| all the| all| some)?)?"
            rf" {WHERE_NEEDLED}",
            rf"\bcellulitis\b{NEAR}\b{NEEDLED}|\b{NEEDLED}\b{NEAR}\bcellulitis\b",
            rf"\b{NEEDLED} {NEEDLE_SITE} (\w+ ){{0,2}}?infected\b",
            # Skin said to be infected near a needle: "an infected spot where the needle was".
            rf"\binfected (spots?|sites?|points?|areas?|wounds?|holes?|marks?|skin|lumps?|bumps?"
            rf"|patch(es)?|sores?|pimples?)\b{NEAR}\b{NEEDLED}",
            rf"\b{NEEDLED}\b{NEAR}\binfected (spots?|sites?|points?|areas?|wounds?|holes?|marks?"
            r"|skin|lumps?|bumps?|patch(es)?|sores?|pimples?)\b",
            # An infection said of a needle or a session ("infection after acupuncture", "I
            # think I have an infection from the needles", "the needles gave me an infection"),
            # or as searched ("needle site infection", "acupuncture infection"): not one of
            # another part ("a chest infection after acupuncture"), nor the risk of one (see
            # the ignore).
            rf"\b{AN_INFECTION}{OF_ANOTHER_PART}{NEAR_IN_CLAUSE}"
            rf"\b({FROM_A_NEEDLE}|{WHERE_NEEDLED})",
            rf"\b(since|after|following|from) (the |my |a |an |last |his |her |this |that )?"
            rf"(\w+ )?({NEEDLED}|needling|sessions?)\b{NEAR_IN_CLAUSE}\b{AN_INFECTION}",
            rf"\b{NEEDLED}s? (\w+ ){{0,3}}?(gave|given|caused|left) (\w+ ){{0,3}}?{AN_INFECTION}",
            rf"\b{NEEDLED}( {NEEDLE_SITE})? infections?\b",
            both_anywhere(rf"({NEEDLED}|needling)", IT_INFECTED),
            # "The redness round the needle mark is getting bigger."
            rf"\b(red|redness|reddened|reddening)\b{NEAR}\b{NEEDLED}\b{NEAR}\b(getting|growing"
            r"|grown|got|gets) (bigger|larger|wider)\b",
        ),
        ignore=(INFECTION_RISK,),
    ),
    RedFlag(
        name="needle_nerve",
        label="Pain, numbness, pins and needles or weakness that has gone on since a needle went "
        "in",
        advice=f"{URGENT} Pain, numbness, pins and needles or weakness that has gone on since a "
        "needle went in can mean that the needle touched a nerve, which a doctor should check. "
        "Tell your practitioner too.",
        patterns=(
            # "Shooting pains and pins and needles since the needle in my buttock", "numbness two
            # weeks after the acupuncture".
            rf"\b{NERVE_SYMPTOM}\b{NEAR}\b{SINCE_NEEDLED}",
            # "Since the needle in my leg I have shooting pain down to my foot".
            rf"\b{SINCE_NEEDLED}\w*\b{NEAR}\b{NERVE_SYMPTOM}",
            # "Since the acupuncture I still have pins and needles", "during acupuncture my leg
            # went numb and it's still numb", "after the needles my foot has been numb". Not
            # "after six sessions I still have pins and needles": what the treatment did not mend.
            rf"\b({SINCE_NEEDLED}|{AS_NEEDLED})\w*\b{NEAR}\bstill\b (\w+ ){{0,3}}?{NERVE_SYMPTOM}",
            rf"\b({AS_NEEDLED}|{AFTER_NEEDLED})\w*\b{NEAR}\b(has|have|'s|'ve) been\b (\w+ ){{0,3}}?"
            rf"{NERVE_SYMPTOM}",
            # A symptom that came as a needle went in, or after it, and goes on ("my leg went numb
            # during acupuncture and is still numb", "during the acupuncture my leg went numb and
            # the feeling hasn't come back"): not the tingle as it went in, nor one that wore off.
            rf"\b({NERVE_SYMPTOM}\b{NEAR}\b{AS_NEEDLED}|{AS_NEEDLED}\w*\b{NEAR}\b{NERVE_SYMPTOM})\w*"
            rf"\b{NEAR}\b{STILL_THERE}",
            rf"\b{CAME_ON} (\w+ ){{0,2}}?{NERVE_SYMPTOM}\b{NEAR}\b{AFTER_NEEDLED}\w*\b{NEAR}"
            rf"\b{STILL_THERE}",
            # Days or weeks on, still a nerve's symptoms and a needle in one sentence, in any
            # order ("It has now been two weeks and I'm still suffering from pain where the needle
            # went in and shooting pains"): not "pins and needles" for the needle.
            rf"(?:^|[.!?\n])(?=[^.!?\n]*\b(days|weeks|months)\b)(?=[^.!?\n]*\bstill\b)"
            rf"(?=[^.!?\n]*\b{NERVE_SYMPTOM})(?=[^.!?\n]*\b(?<!pins and ){NEEDLED})",
        ),
        ignore=(
            SAYS_BETTER,
            # Feeling weak all over, as a session can leave one tired: not a limb's weakness.
            rf"\b{WHO}('ve| have| has| had)?( been)? (feel|feels|felt|feeling) (\w+ ){{0,2}}?weak\b"
            r"(?! (in|down)\b)",
        ),
    ),
    RedFlag(
        name="needle_left_in",
        label="A needle, or a piece of one, left in your skin after acupuncture",
        advice=f"{URGENT} A piece of needle broken off under the skin needs a doctor to find and "
        "take out: do not try to dig it out yourself. If a whole needle is still in and you can "
        "see its handle, your practitioner can take it out instead: call them.",
        patterns=(
            rf"\b{THE_NEEDLE}{NEEDLE_STILL_IN}",
            rf"\b{NEEDLE_LEFT_BY}",
        ),
        # With the needles in, as every session has them ("can I move while the needles are
        # still in?"), and how long they stay.
        ignore=(
            r"\b((while|whilst|when|as|with|once|until|before) (all )?(the |my |a |some |these "
            rf"|those )?(acupuncture )?{NEEDLE} ((are|were|is|was|have been|had been) )?(still )?in"
            r"|how long\b[^.!?\n]{0,40}?\bleft in)\b",
        ),
    ),
    RedFlag(
        name="treatment_burn",
        label="A burn or blister from moxa, a heat lamp, cupping, a heat pad or a hot-water bottle",
        advice=f"{URGENT} A burn that blisters, or skin that weeps or gets red, hot or swollen, "
        "needs checking. Go to an urgent treatment centre or A&E if the burn is bigger than your "
        "hand, the skin looks white or charred, or it has blistered on your face, hands, arms, "
        "legs, feet or genitals. Cool a new burn under cool running water for 20 minutes, and do "
        "not burst a blister. Round marks or bruises from cupping are usual.",
        patterns=(
            # A burn with moxa, a lamp, cupping or a heat pad in one sentence, or said to be from a
            # session ("I got burned during acupuncture").
            rf"\b{BURNT}({NEAR}\b{HEAT_SOURCE}|( \w+){{0,3}}? (from|after|since|during|by|in"
            r"|at) (the |my |a |an |his |her |this |that |last |each )?(\w+ )?"
            rf"({NEEDLE}|acupuncture|sessions?|treatments?)\b)",
            rf"\b{HEAT_SOURCE}({NEAR}\b({BURNT}|{SKIN_WEEPING})"
            # As searched: "moxa burn", "cupping blisters" (not "the moxa burns slowly").
            r"| (burns?|blisters?)\b(?=\s*$|\s*[.,;!]| (on|from|after|and|marks?|scars?|infected"
            r"|blister\w*)\b))",
            # Skin that weeps or looks infected where moxa, a lamp, a cup or a heat pad was.
            rf"\b{SKIN_WEEPING}\b{NEAR}\b{HEAT_SOURCE}",
            # As searched, a burn said to be from one: "burn from moxa", "burns from the heat
            # lamp".
            # Not moxa that burns as it should ("the moxa burns from the top down").
            r"(^|(?<=[.,;:!?(])|(?<=[.,;:!?(] ))burns? (from|by|caused by|off|after)"
            rf" (the |my |a |an |his |her |this |that |last )?(\w+ )?{HEAT_SOURCE}",
        ),
        # A question about the risk: "can cupping cause blisters?", "does moxa burn", "can a hot
        # water bottle cause blisters?". Nor pain that burns ("the heat pad soothes the nerve pain
        # burning my leg"), as sciatica's often does.
        ignore=(
            r"\b(can|could|does|do|will|would|might|may)\b( \w+){1,4}? ((cause|leave|give|make"
            r"|produce)\w*( \w+){0,2}? (blisters?|burns?)\b|(burn|blister)\b(?= (you|people"
            r"|anyone|someone|the skin|skin)\b|\s*$|\s*\?))",
            rf"\b({PAIN_WORD}|sciatica|nerves?)( (is|was|keeps|kept|that is|that's))? burning\b",
        ),
    ),
    RedFlag(
        name="blood_in_urine",
        label="Blood in your pee",
        advice=f"{URGENT} Blood in your pee needs checking by a GP, even if it happened once, "
        "there was only a little or you are not sure it is blood: with back pain it can come "
        "from a kidney stone or an infection, and now and then it is a sign of something more "
        "serious. It may look pink, red or dark brown. Most often the cause is not serious.",
        patterns=(
            # "blood in my pee", "blood when I peed"
            rf"\bblood\b[^.,;!?\n]{{0,20}}?\b(in|with|when|after) (\w+ ){{0,2}}?"
            rf"{PEE}(s|d|ed|ing)?\b",
            r"\b(peeing|peed|weeing|pissing|urinating) (\w+ )?blood\b",
            rf"\b(bloody|blood-stained|bloodstained|red|pink|brown) {PEE}\b",
            rf"\b{PEE} (is|was|has been|looks?|looked|looking|turned|came out|comes out) "
            r"(\w+ )?(red|pink|bloody|brown)\b",
            r"\bha?ematuria\b",
            # As searched: "blood urine back pain", "back pain blood pee".
            rf"\bblood\b{NEAR_IN_CLAUSE}\b{PEE}\b",
        ),
        ignore=(
            r"\bblood (tests?|pressure|sugars?|results?|samples?|counts?|work)\b",
            r"\b(blood|urine) (and|&) (blood|urine) (tests?|samples?|results?)\b",
        ),
    ),
    RedFlag(
        name="weight_loss",
        label="Losing weight without trying",
        advice=f"{URGENT} Back pain with weight loss you cannot explain needs checking.",
        patterns=(
            r"\b(unexplained|unintentional|unintended|unexpected|sudden|rapid) weight loss",
            r"\b(lost|losing|lose|dropped|dropping) (\w+ ){0,4}?(weight|pounds|stone|kilos?|kg)\b"
            r"[^.!?\n]{0,30}?(without (trying|meaning to|dieting)|for no (obvious )?reason"
            r"|(don't|dont|do not) know why|not sure why"
            r"|not trying|unexplained|no idea why)",
            r"\bweight (is |has been )?(dropping|falling) off\b",
            # A search of a few words ("back pain weight loss") says no cause, and may mean none;
            # a sentence ("I lost weight on a diet and my back is better") is left to the rules
            # above.
            rf"^(?=[\w' ]{{0,40}}$)(?!.*\b(i|i'm|my|me|better|help\w*|diet\w*)\b)"
            rf"(?=.*\b{BACK}\b).*\b(weight ?loss|losing weight|lost weight)\b",
        ),
    ),
    RedFlag(
        name="cancer_history",
        label="You have, or have had, cancer, and your back pain is new",
        advice=f"{URGENT} In someone who has had cancer, new back pain can be a sign that it has "
        "spread to the spine, which needs checking quickly. If you have a cancer team, call them "
        "too.",
        # Cancer is a sign only with back pain: "acupuncture for nausea during chemo" is not.
        patterns=(both_anywhere(CANCER, rf"{BACK}\b"),),
    ),
    RedFlag(
        name="thin_bones_or_steroids",
        label="You have thin bones (osteoporosis) or take steroid tablets, and your back pain is new",
        advice=f"{URGENT} With thin bones, or after taking steroid tablets for a long time, new "
        "back pain can be a broken bone in the spine, even after a small fall, a cough or no "
        "injury at all, and needs checking.",
        patterns=(
            both_anywhere(rf"({THIN_BONES}|{STEROID_TABLETS})\b", rf"{BACK}\b"),
            # A bone of the spine broken, named: the advice says why it needs checking.
            r"\b(vertebral|spinal|spine|compression|crush|wedge) fractures?\b"
            r"|\b(broken|fractured) (back|spine|vertebra\w*)\b",
        ),
        ignore=(r"\bsteroids? (injections?|injected|jabs?|shots?)\b",),
    ),
    RedFlag(
        name="infection_risk",
        label="Your immune system is weakened (HIV, a transplant, medicines that suppress it) or "
        "you inject drugs, and your back pain is new",
        advice=f"{URGENT} With a weakened immune system, or in someone who injects drugs, new back "
        "pain can be an infection in the spine, even without a fever, and needs checking quickly.",
        # Either alone is not the sign: "does acupuncture help with HIV?" has no back pain.
        patterns=(both_anywhere(rf"({WEAK_IMMUNITY}|{INJECTING_DRUGS})\b", rf"{BACK}\b"),),
        # A test, or none: not a weakened immune system.
        ignore=(r"\bhiv (tests?|testing|negative)\b",),
    ),
    RedFlag(
        name="back_lump",
        label="A lump or swelling in your back, or your back has changed shape",
        advice=f"{URGENT} A new lump, swelling or change in the shape of your back needs checking.",
        patterns=(
            # Not a lump elsewhere ("a lump removed from my breast, and now my back hurts").
            r"\b(lump|lumps|bump|bumps|swelling|swollen|bulge|bulging|growth)\b(?! (removed )?(from|in"
            r"|on|under) (my |her |his |the )?(breasts?|armpits?|neck|arms?|legs?|throat|groin"
            rf"|testicles?|thyroid|head)\b){NEAR}\b(back|spine)\b",
            rf"\b(back|spine)\b{NEAR}\b(lump|lumps|bump|bumps|swelling|swollen|bulge|bulging|growth)\b",
            r"\b(back|spine) (has |is )?(changed|changing) (its )?shape",
            r"\bchanges? (in|to|of) the shape of (my|the|his|her) (back|spine)",
            r"\b(back|spine) (looks|is|has become|became) (deformed|crooked|bent)",
            # "My spine is curving more and more", "my back is getting more hunched".
            r"\b(back|spine) (is |has been |keeps |has started |started )?(getting |becoming |to )?"
            r"(more )?(curv\w*|bent|bend\w*|crooked|hunched|twist\w*|lean\w*)\b[^.!?,;\n]{0,20}?"
            r"\b(more and more|worse|than (before|it was|it used to)|(to|over to) one side|sideways"
            r"|over (the )?(last|past) (few )?(days|weeks|months))\b",
        ),
        ignore=(r"\bbulg\w* dis[ck]s?\b", r"\bdis[ck]s? (is |are )?bulg\w*", r"\bgoose ?bumps\b"),
    ),
    RedFlag(
        name="night_or_rest_pain",
        label="Pain that is worse at night, does not ease when you rest or with painkillers, or "
        "stops you sleeping",
        advice=f"{URGENT} Back pain that rest does not ease, severe pain that painkillers do not "
        "ease, or pain that is worse at night, needs checking.",
        patterns=(
            r"\b(worse|worst|unbearable|agony|excruciating) (at|during the|in the|every) night",
            r"\bwakes? me (up )?(at night|in the night|every night)",
            # "The pain wakes me up", "back pain at night" (not "the pain is better at night").
            r"\b(pain|pains|ache|aching|sciatica|throbbing)\b (\w+ ){0,3}?(wakes|woke|wake|waking"
            r"|keeps waking|kept waking) (me|him|her|us|them)\b",
            r"\b(pain|pains|ache|aches|aching|backache|sciatica)\b((?!\b(better|easier|eases?|eased"
            r"|less|fine|gone|goes|improves?|improved|settles?|calmer|ok|okay)\b)[^.!?,;\n]){0,25}?"
            r"\b(at|in the|during the|every|all|through the) night\b",
            r"\bnight pain\b",
            # As searched: "back pain night time", "nighttime sciatica".
            r"\b(pain|ache|aches|aching|backache|sciatica)\b[^.!?\n]{0,20}?\bnight ?time\b",
            r"\bnight ?time (back ?)?(pain|ache|aches|backache|sciatica)\b",
            r"\bworse (when |while )?(i am |i'm )?(lying( down)?|resting|at rest|in bed)\b",
            r"\b(does not|doesn't|won't|will not|never|not) (improve|ease|get better|go away"
            r"|settle)\w* (\w+ )?(with|after|when|even when) (i )?(rest|resting|lie down|lying)",
            r"\b(even )?(when|while) (i am |i'm )?resting\b[^.!?\n]{0,20}?\b(worse|hurts|pain)",
            rf"{IN_A_TEXT_OF_PAIN}\b(cannot|unable to|struggl\w*( to)?|trouble|problems?|difficulty) "
            r"(get to |getting to |going to )?sleep(ing)?\b",
            rf"{IN_A_TEXT_OF_PAIN}\b(keeps?|keeping|kept) me (up|awake)\b",
            # Painkillers that do not touch the pain, and severe pain they do not ease ("severe
            # pain not easing even with more tramadol"): not "painkillers don't help, so I'm
            # trying acupuncture", which is everyday here.
            rf"\b{PAINKILLERS}\b (\w+ ){{0,2}}?{NOT_EASING} (even |really |quite )?"
            r"(touch|touches|touching|touched)\b",
            r"\bnothing (\w+ )?(touches|touched|is touching|will touch) (the pain|it)\b",
            rf"\b{SEVERE_PAIN}\b{NEAR}\b{PAINKILLERS}\b (\w+ ){{0,2}}?{NOT_EASING} {EASING}",
            rf"\b{PAINKILLERS}\b (\w+ ){{0,2}}?{NOT_EASING} {EASING}\b{NEAR}\b{SEVERE_PAIN}",
            rf"\b({SEVERE_PAIN}|worse)\b{NEAR}\b(even|despite|in spite of)\b{NEAR}"
            rf"\b{PAINKILLERS}\b",
        ),
        # Sleep lost after a session, in a sentence that names no pain ("I couldn't sleep well
        # after the session"): a common reaction to the treatment, not pain too bad to sleep.
        ignore=(
            rf"(?:^|(?<=[.!?\n]))(?![^.!?\n]*\b({PAIN_WORD}|aches?|aching|hurt\w*|sore|sciatica"
            r"|agony)\b)[^.!?\n]*\bsleep(ing)?\b[^.!?\n]{0,20}?\b(after|since|following) (\w+ ){0,2}?"
            rf"(acupuncture|sessions?|treatments?|{NEEDLE})\b[^.!?\n]*",
        ),
    ),
    RedFlag(
        name="cough_sneeze_pain",
        label="Pain that is worse when you sneeze, cough or poo",
        advice=f"{URGENT} Back pain made worse by sneezing, coughing or pooing needs checking.",
        patterns=(
            rf"\b(worse|hurts?|{PAIN_WORD}|agony|shoots?|shooting|kills|killing) (\w+ ){{0,4}}?"
            # Pooing, not "poor posture"; straining on the toilet, not to reach a shelf.
            rf"(when|if|as|to) ({WHO} )?((cough|sneez)\w*|strain\w*{ON_THE_TOILET}"
            r"|poo(s|ed|ing|p|ps|ped|ping)?\b)",
            rf"\b(coughing|sneezing|straining{ON_THE_TOILET})\b(?! fits?\b){NEAR}\b(hurts|{PAIN_WORD}"
            r"|worse|agony)",
            # As searched, beside the back's words: "sciatica cough", "back pain sneezing".
            rf"\b{BACK}\b{NEAR}\b(cough\w*|sneez\w*)\b(?! fits?\b)",
            rf"\b(cough\w*|sneez\w*)\b(?! fits?\b){NEAR}\b{BACK}\b",
        ),
    ),
    RedFlag(
        name="upper_back",
        label="Pain at the top of your back, between your shoulders, rather than low down",
        advice=f"{URGENT} Pain at the top of the back is less often from the muscles than low "
        "back pain, and needs checking.",
        patterns=(
            rf"\b(upper|top of ({WHOSE} )?) ?(back|spine)\b",
            rf"\bbetween ({WHOSE} )?shoulders?( ?blades?)?\b",
            r"\bthoracic\b",
            rf"\bmid(dle)?[- ]back\b|\bmiddle of {WHOSE} back\b",
        ),
    ),
    RedFlag(
        name="fall_or_accident",
        label="Back pain that started after a fall, car accident or other injury",
        advice="If you were hurt in a serious accident, such as a car crash, call 999 or go to "
        "A&E now. After a fall or a smaller accident, call NHS 111, or ask your GP surgery for an "
        "urgent appointment today.",
        patterns=(
            rf"\b(fallen|falling|fall) {FELL_HOW}",
            r"\b(a|my|the|bad|nasty|heavy|serious|recent) (fall|tumble)\b",
            rf"\b{WHO} (had|took) a fall\b",
            # "Fell" only when a person fell, as things and dates fall too ("my daughter's wedding
            # fell on the hottest day", "leaves fell from the tree"): someone named ("i fell and
            # hurt my back", "my mum fell on the stairs", "i nearly fell off"; not "fell asleep":
            # see ignore), a note with the writer left out ("fell off a ladder", "fell at work"),
            # or the writer's fall after another act ("slipped and fell", "lost my balance and
            # fell").
            rf"\b({WHO}|who|someone|somebody|person|people|toddler|{FAMILY}"
            rf"|{PERSON}s?([- ]in.laws?)?)( \w+ly| just| then| also| both| all| had)? fell\b",
            rf"(^|[.!?,;:(\n] *)(\w+ly )?fell ({FELL_HOW}|at |while|whilst|when|in (the|a|my) "
            r"|last)",
            # Someone named: "tom fell off his bike", "yesterday sarah fell at work", "my son ben
            # fell down the stairs".
            rf"(^|[.!?,;:(\n] *|\b(and|then|but|so|when|after|because|yesterday|today|recently"
            rf"|ago|week|weekend|month|year|morning|evening|{PERSON}) )(?!{NOT_A_FALLER}\b)[a-z]+"
            rf"( \w+ly| just| then| also| had)? fell {NAMED_FALL_HOW}",
            rf"\b(and|then|but|so) (\w+ly )?fell( {FELL_HOW}| *$|[.!?,;\n])",
            # Something that fell on a person hurt them: "a box fell on my back", "books fell off
            # the shelf onto me" (not "the cooking fell on me to do").
            rf"\b(fell|fallen|falling) (on|onto|on to|on top of) ({FALLEN_ON})\b",
            rf"\b(fell|fallen|falling)\b{NEAR_IN_CLAUSE} (onto|on to|on top of) ({FALLEN_ON})\b",
            r"\baccidents?\b",
            # As searched: "back pain after fall", "back injury", "fell on back".
            r"\b(after|since|from) (a |an |my |the )?(fall|injury|trauma|falling(?! (asleep|ill"
            r"|pregnant|in love|apart|behind|for|out)\b))\b",
            r"\b(back|spine|spinal) injury\b|\bfell on (my |his |her )?back\b",
            r"\b(crash|crashed|collision|whiplash|rear.ended"
            r"|(car|bike|motorbike|motorcycle) wreck)\b",
            r"\b(hit|knocked over|knocked down) by a (car|bus|van|lorry|truck|bike|cyclist|vehicle)",
            r"\b(slipped|tripped) (on|over|and|down|up)\b",
            r"\b(after|since|from) (an|a|my|the) injury\b",
            r"\binjured (my|his|her|the) (back|spine|neck)\b",
        ),
        ignore=(
            r"\b(fell|fall|falling|fallen) asleep\b",
            r"\b(might|may|could|would|going to|about to) fall\b",
            r"\b(fell|fall|falling|fallen) (pregnant|in love|ill|apart|through)\b",
            r"\b(in|this|last|next|since|during|until) the fall\b",
            r"\b(this|last|next) fall\b",
            r"\bby accident\b",
            r"\b(toilet|loo|bladder|bowel) accidents?\b",
            SOILED,
            r"\bfell on (a|the) (same )?(day|week|weekend|monday|tuesday|wednesday|thursday|friday"
            r"|saturday|sunday)\b",
        ),
    ),
)

BY_NAME = {flag.name: flag for flag in RED_FLAGS}
CHOICES = [(flag.name, flag.label) for flag in RED_FLAGS]


# Zero-width joiners and non-joiners (in emoji, and in words of many scripts) and direction marks
# (in right-to-left text): people type them, and inside a word they would hide it ("che\u200dst").
JOINERS_AND_MARKS = re.compile("[\u200c-\u200f]")


# Not being able to, now or in the past: one word for all, so that every sign that says "cannot"
# reads "I couldn't pee" and "I wasn't able to pee" too.
CANNOT_FORMS = re.compile(
    non_capturing(
        r"\b(can't|can not|cant|couldn't|could not|(wasn't|weren't|was not|were not) able to)\b"
    )
)


def normalise(text):
    """Lower case, plain apostrophes, no joiners or direction marks, one space between words,
    contractions with their apostrophe, and "can't", "couldn't", "wasn't able to" and the like
    all written "cannot", so the patterns stay readable."""
    text = JOINERS_AND_MARKS.sub("", text.lower()).replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[ \t]+", " ", text)
    # Typed without the apostrophe, as askers often do: "dont", "couldnt", "im". Its group
    # captures, as the apostrophe is written after it.
    text = re.sub(
        r"\b(don|didn|doesn|isn|aren|wasn|weren|haven|hasn|hadn|won|wouldn|couldn)t\b",
        r"\1't",
        text,
    )
    text = re.sub(r"\bim\b", "i'm", text)
    return CANNOT_FORMS.sub("cannot", text)


def found_in(text):
    """Names of the signs whose patterns match `text`, as typed or with its typos in the rules'
    words put right (`corrected`), in the order of RED_FLAGS."""
    typed = normalise(text)
    readings = {typed, corrected(typed)}
    return [flag.name for flag in RED_FLAGS if any(flag.matches(r) for r in readings)]


# Typos in the words a sign hinges on (see the module's docstring), put right towards the rules'
# own vocabulary, read from their patterns so that it never drifts from them: every word of four
# letters or more that a pattern spells out ("fever", "bladder", "urine"; "haematuria" and
# "hematuria" of "ha?ematuria"), and every stem that a pattern lets go on ("tingl" of "tingl\w*").
# A word that English uses this often (in pyspellchecker's counts, which the search's correction
# uses too: its 47,000 or so most used words) is never corrected, as a word of English is seldom a
# typo: "fewer" is not "fever", "chess" not "chest", "sweetheart" not "sweat-heart". Words it has
# seen only once or twice may be: "bowell", "feer". The words of English that askers often type
# for the rules' words ("bowls" for "bowels") are in the patterns instead.
ENGLISH_WORD = 100


def _then(first, then):
    """What `first` followed by `then` spells. A piece of a pattern spells four sets of strings of
    letters: `whole`, by its paths with no break in them; `left`, before the first break; `right`,
    after the last one; `inner`, between two. A break is anything but a letter: it ends a word. A
    left string ending in "*" is a stem: "\\w*" or "\\w+" let it go on."""
    (whole1, left1, right1, inner1), (whole2, left2, right2, inner2) = first, then
    return (
        {a + b for a in whole1 for b in whole2},
        left1 | {a + b for a in whole1 for b in left2},
        right2 | {a + b for a in right1 for b in whole2},
        inner1 | inner2 | {a + b for a in right1 for b in left2},
    )


def _either(*alternatives):
    return tuple(set().union(*parts) for parts in zip(*alternatives, strict=True))


def _letters(text):
    return ({text}, set(), set(), set())


def _break(stem=""):
    return (set(), {stem}, {""}, set())


def _spelled(parsed):
    """What a parsed pattern spells, as four sets (see `_then`). The tree is that of re's own
    parser (re._parser), which reads the pattern exactly as matching does."""
    spelled = _letters("")
    for op, arg in parsed:
        spelled = _then(spelled, _spelled_node(op, arg))
    return spelled


def _spelled_node(op, arg):
    if op == sre.LITERAL:
        return _letters(chr(arg)) if chr(arg).isalpha() else _break()
    if op == sre.SUBPATTERN:
        return _spelled(arg[-1])
    if op == sre.BRANCH:
        return _either(*(_spelled(alternative) for alternative in arg[1]))
    if op == sre.AT:
        return _letters("")
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        # Matches no text itself, but the words it looks for are the rules' words all the same.
        return ({""}, set(), set(), set().union(*_spelled(arg[1])))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return _spelled_repeat(*arg)
    if op == sre.IN and arg == [(sre.CATEGORY, sre.CATEGORY_WORD)]:
        return _break("*")
    if op == sre.IN and len(arg) <= 4 and all(kind == sre.LITERAL for kind, _ in arg):
        # "dis[ck]"
        return _either(*(_spelled_node(sre.LITERAL, code) for _, code in arg))
    return _break()


def _spelled_repeat(low, high, repeated):
    if list(repeated) == [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_WORD)])]:
        stem = _break("*")
        return _either(_letters(""), stem) if low == 0 else stem
    spelled = _spelled(repeated)
    if high > 3:
        # "[^.!?\n]{0,40}?", "(\w+ )+": a break, with whatever words it spells.
        return (set(), {""}, {""}, set().union(*spelled))
    if not any(set().union(*spelled)):
        # An optional space or hyphen ("legs (are)? ?numb"): read as there, so that the words on
        # either side stay two words.
        low = max(low, 1)
    spelled_so_far, repeats = _letters(""), []
    for count in range(high + 1):
        if count >= low:
            repeats.append(spelled_so_far)
        spelled_so_far = _then(spelled_so_far, spelled)
    return _either(*repeats)


def _vocabulary(patterns):
    """The words of four letters or more, and the stems of three or more, that `patterns` spell."""
    words, stems = set(), set()
    for pattern in patterns:
        for text in set().union(*_spelled(sre.parse(pattern))):
            if text.endswith("*"):
                stems.add(text[:-1])
            else:
                words.add(text)
    return frozenset(w for w in words if len(w) >= 4), frozenset(s for s in stems if len(s) >= 3)


def _deletions(word):
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _index(words):
    """Each word and each of its one-letter deletions, with the words they come from: two words one
    typo apart share a key (SymSpell's deletion index), so a typed word's look-alikes are found
    by looking up its own deletions, not by comparing it with every word."""
    index = {}
    for word in words:
        for key in (word, *_deletions(word)):
            index.setdefault(key, set()).add(word)
    return index


# The kinds of typo, in the order a correction prefers them: two neighbouring letters swapped
# ("pian"), a letter left out ("fevr", "temprature"), a letter added ("chesst", "feaver"), a
# letter changed ("incontinance").
SWAPPED, LEFT_OUT, ADDED, CHANGED = range(4)


def _typo(typed, word):
    """The kind of the one typo that makes `word` into `typed`, or None if it takes more, or none,
    or changes the first letter (which people seldom get wrong, and which makes another word:
    "fever" is not "ever")."""
    if typed[:1] != word[:1]:
        return None
    if len(typed) == len(word):
        changed = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        if len(changed) == 1:
            return CHANGED
        if len(changed) == 2 and changed[1] == changed[0] + 1:
            first, second = changed
            if (typed[first], typed[second]) == (word[second], word[first]):
                return SWAPPED
        return None
    if len(typed) == len(word) - 1 and typed in _deletions(word):
        return LEFT_OUT
    if len(typed) == len(word) + 1 and word in _deletions(typed):
        return ADDED
    return None


def _nearest(typed, index):
    """The word of `index` one typo from `typed`, preferring the likelier typo, then the longer
    word, then the first in the alphabet; or None."""
    found = {word for key in (typed, *_deletions(typed)) for word in index.get(key, ())}
    ranked = []
    for word in found:
        kind = _typo(typed, word)
        if kind is not None and (kind != CHANGED or len(typed) > 4 or _slipped(typed, word)):
            ranked.append((kind, -len(word), word))
    return min(ranked)[2] if ranked else None


def _keyboard_neighbours(rows=("qwertyuiop", "asdfghjkl", "zxcvbnm")):
    """Each letter's neighbouring keys on a QWERTY keyboard, rows staggered as they are."""
    neighbours = {}
    for number, row in enumerate(rows):
        above = rows[number - 1] if number else ""
        below = rows[number + 1] if number + 1 < len(rows) else ""
        for i, key in enumerate(row):
            near = row[max(i - 1, 0) : i] + row[i + 1 : i + 2]
            neighbours[key] = set(near + above[i : i + 2] + below[max(i - 1, 0) : i + 1])
    return neighbours


KEYBOARD_NEIGHBOURS = _keyboard_neighbours()


def _slipped(typed, word):
    """Whether `typed`, a word of four letters with one letter changed from `word`, reads as a
    finger slipped onto the next key ("paim", "lefs"). A letter changed in a word this short
    makes another word too often ("pail", "pair" are not "pain"; "lefs" is not "left"), so only
    a neighbouring key counts, and only in a word that is neither among pyspellchecker's words of
    four letters, however seldom used, nor in UNLISTED_SHORT_WORDS ("weal", which it lacks)."""
    if typed in _SHORT_WORDS:
        return False
    typed_letter, letter = next((a, b) for a, b in zip(typed, word, strict=True) if a != b)
    return typed_letter in KEYBOARD_NEIGHBOURS.get(letter, ())


def _english_words():
    """pyspellchecker's words of four letters or more that English uses often (`ENGLISH_WORD`),
    and all its words of four letters, however seldom used."""
    from spellchecker import SpellChecker

    counts = SpellChecker(language="en").word_frequency.items()
    common = frozenset(word.lower() for word, n in counts if n >= ENGLISH_WORD and len(word) >= 4)
    return common, frozenset(word.lower() for word, _ in counts if len(word) == 4)


VOCABULARY, STEMS = _vocabulary(p for flag in RED_FLAGS for p in (*flag.patterns, *flag.ignore))
_WORD_INDEX = _index(VOCABULARY)
# A stem of four letters is too short to put right safely ("wea-ther" is not "weak"); "numb",
# "weak" and "pain" are words of the vocabulary too.
_STEM_INDEX = _index(stem for stem in STEMS if len(stem) >= 5)
_ENGLISH_WORDS, _SHORT_WORDS = (words - VOCABULARY for words in _english_words())
# Real words of four letters that pyspellchecker lacks, each a slipped key from a word of the
# rules, which must stay themselves: "a red weal on both legs" is not "weak", nor "jags"
# (injections) "jabs", "peds" "pees", "leys" "legs", "poss" or "pisa" "piss". ("Lymp" is put
# right: it is "lump" mistyped.)
UNLISTED_SHORT_WORDS = frozenset(
    {"weal", "leys", "poss", "pisa", "pise", "peds", "jags", "pois", "pols", "weys", "leal"}
    | {"tors", "tows", "tods", "dray", "gibe", "lunt", "luny", "bitt", "sord"}
)
_SHORT_WORDS |= UNLISTED_SHORT_WORDS - VOCABULARY


# No word of the rules is longer: a longer "word" is left as typed, at no cost however long.
LONGEST_WORD = max(len(word) for word in (*VOCABULARY, *STEMS)) + 1


# Not cached: an asker's rarer words (names, places) would stay in the process's memory.
def _corrected_word(typed):
    """`typed`, or the rules' word it is one typo from. Only words of four letters or more that
    are neither the rules' words already nor English are put right."""
    if not 4 <= len(typed) <= LONGEST_WORD or typed in VOCABULARY or typed in _ENGLISH_WORDS:
        return typed
    if word := _nearest(typed, _WORD_INDEX):
        return word
    if any(typed.startswith(stem) for stem in STEMS):
        # Read as typed by the stem's own pattern ("paralysd" by "paralys\w*").
        return typed
    # A stem misspelt, and the rest of the word as typed: "incontinance" is "incontinen"-ce.
    for length in range(len(typed), 3, -1):
        if stem := _nearest(typed[:length], _STEM_INDEX):
            return stem + typed[length:]
    return typed


def corrected(normalised):
    """`normalised` (see `normalise`) with each word one typo from a word of the rules put right:
    "i have a chest pian" is "i have a chest pain"."""
    return re.sub(r"[a-z]+", lambda word: _corrected_word(word.group()), normalised)


# What a stored finding was found by: this file and the words of English, so that any change to a
# pattern, a piece of advice or normalise() leaves every finding stored before it stale (see
# `finding_key`).
# The words of English never corrected are read from pyspellchecker: a release with other words
# changes findings too.
RULES = hashlib.sha256(
    Path(__file__).read_bytes()
    + "\n".join(sorted(_ENGLISH_WORDS)).encode()
    + "\n".join(sorted(_SHORT_WORDS)).encode()
).hexdigest()


def finding_key(text):
    """The key a finding of `text`'s signs is stored with: of these rules and this very text. A
    stored finding whose key is not `finding_key` of the text shown is never used."""
    return hashlib.sha256(f"{RULES}\n{text}".encode()).hexdigest()


def flags_named(names):
    """The RedFlag for each known name, in the order of RED_FLAGS (unknown names are skipped)."""
    wanted = set(names)
    return [flag for flag in RED_FLAGS if flag.name in wanted]


# How much of a typed text the rules read: four times the longest question the ask form accepts
# (5,000 characters; a search's limit is 200), so that a text refused as too long still gets the
# advice of a sign near its end, but bounded, as they take about 93 million instructions per 1,000
# characters (under valgrind's callgrind, over 20,000 characters of the seed archive's questions
# and answers): about 13 ms on one core of a server where 70 million took 10 ms (a 2-core AMD
# EPYC, shared, load average 2). A post may be DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB: some 30
# seconds of a worker, for a post no allowance counts).
SIGNS_READ_LENGTH = 20_000


def signs_shown(text, ticked=()):
    """The RedFlags that `text` shows, with those named in `ticked` (boxes a visitor ticked), in
    the order of RED_FLAGS: whatever advice a page gives for them comes before anything else."""
    return flags_named([*ticked, *found_in(text)])


def emergency_signs():
    """The signs whose advice is to call 999 now."""
    return [flag for flag in RED_FLAGS if flag.is_emergency]


def other_urgent_signs():
    """The signs that need same-day help but not an ambulance."""
    return [flag for flag in RED_FLAGS if not flag.is_emergency]

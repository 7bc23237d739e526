"""The red-flag rules: each sign in the words askers use, and everyday phrasing that must not
raise a false alarm. Add a phrase here with any change to archive/red_flags.py.

NHS_ITEMS is every item of the NHS urgent-advice lists for back pain, sciatica, cauda equina
syndrome and blood in urine ("call 999 or go to A&E" and "urgent GP appointment or NHS 111"),
each in the NHS's own plain words, with the rule that must catch it. IN_ASKERS_WORDS says such
items as askers type them; TYPOS, with a typo in the word a sign hinges on."""

import json
import re
import timeit
from pathlib import Path

import pytest

from archive import red_flags

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed.json"

SHOWS = {
    "saddle_numbness": [
        "numbness in my gentials",
        "my genitles feel numb",
        "I have numbness around my genitals since yesterday",
        "There's tingling around my back passage",
        "My bottom and inner thighs feel numb",
        "I can't feel anything when I wipe my bottom, it's numb around my back passage",
        "pins and needles in my groin and down one leg",
        "I think I have saddle numbness",
        "Numbness between my legs started this morning",
        "numb between legs",
        "numbness between legs",
        "tingling between thighs",
        "I have lost sensation around my anus",
        "numb bum",
        "I have numbness in my bum",
        "I've lost feeling down there",
        "numb down below",
        "numb crotch",
        "my privates are numb",
        "numb backside",
        "numb butt",
        "numb arse",
        "numb buttocks",
        # "Num", "numness" and "jenitals", as askers type them.
        "num bum",
        "my groin is num",
        "numnes in my groin",
        "numbness around my jenitals",
        # "Numbed" and "numbing" are numbness ("number" is not: see EVERYDAY).
        "my bum went numbed",
        "a numbing feeling in my groin",
        # As worried askers type them: lower case, text-speak, no punctuation.
        "when i wipe after the toilet it feels different",
        "my bum is numb since yesterday",
        "cant feel anything down there when i wipe",
        "it feels odd when I wipe myself",
        "when wiping it feels strange",
        # In the past, or "not able" (read as "cannot": see normalise).
        "it felt strange when I wiped",
        # Nothing felt, with a needle or a session said too: the area named before the needle,
        # since a needle, or with wiping (see NOTHING_FELT_OF_A_NEEDLE).
        "I felt nothing in my bottom when the needle went in",
        "since the needle in my bum I have felt nothing",
        "I felt nothing after the session when I wiped",
        "after the session I wiped myself and felt nothing",
        "when the needles went in I felt nothing down there",
        "when the needle went into my numb bum I felt nothing",
        # Not being able to feel a needle there (see the module's docstring).
        "I can't feel the needle in my bottom",
        # "Willy", "fanny" and "nether regions", as askers put it.
        "my willy is numb",
        "i cant feel my willy",
        "numb fanny",
        "tingling in my fanny",
        "numb nether regions",
    ],
    "bladder_bowel": [
        "I havent had a wee since this morning",
        "I need to pee but nothing comes out",
        "I can't feel when I need the toilet",
        "I don't notice when I need a poo any more",
        "Since last night I can't pee properly",
        "I'm having difficulty passing urine",
        "I have lost control of my bladder",
        "I can not control when I pee",
        "I wet myself twice today without noticing",
        "New bowel problems along with the sciatica",
        "I've become incontinent",
        "I can\u2019t tell when I need to go to the toilet, I can't tell when I need to pee",
        "I find it hard to start peeing",
        "I don't notice when I need to poo any more",
        "Loss of bladder control since Tuesday",
        "I can't hold my wee",
        "I keep peeing myself",
        "Bladder control problems",
        "I have problems with my bladder",
        "urinary retention",
        "I can't feel anything when I go to the toilet",
        "I have to strain to pee",
        "I haven't peed all day",
        "I havent peed since this morning",
        "my bladder feels full but nothing comes",
        "i pee myself",
        "pooped myself",
        "lost control of my bowls",
        "I'm loosing control of my bladder",
        "I can't get to the loo in time",
        "I wee myself when I cough",
        "I leak when I sneeze",
        # As worried askers type them: lower case, text-speak, no punctuation.
        "i didnt realise i needed the toilet and had an accident",
        "i had an accident in my pants",
        "my bladder isnt working properly",
        "peeing is difficult since the sciatica started",
        "peeing is hard",
        "my bladder control has gone",
        "I dont know when i need a wee anymore",
        "i have to push to pee",
        "i dont feel the urge to pee",
        "i cant pee properly since my back went",
        "cant feel when I pee",
        "I can't feel myself pee",
        "I don't feel the wee come out",
        # Nothing felt, or "it" or oneself not felt, when going to the toilet, however it is said
        # (the card's "loss of sensation when you pass urine" or "a bowel motion"), and "loo" as
        # "toilet".
        "I cant feel it when I pee",
        "I cant feel it when I poo",
        "no feeling when i have a poo",
        "I can't feel anything when I go to the loo",
        "I didn't feel a thing when I went to the loo",
        "no sensation while i'm peeing",
        "I can hardly feel it when I have a wee",
        "I can't feel myself when I pee",
        "I can't feel myself having a poo",
        "i dont feel anything when i open my bowels",
        "I felt nothing when I did a poo",
        "I have no feeling when using the toilet",
        "I'm leaking since my back went",
        # In the past, or "not able" (read as "cannot": see normalise).
        "Last night I couldn't control my bladder",
        "Since then I could not pass water",
        "I couldn't pee all day",
        "i couldnt pee",
        "I wasn't able to pee",
        # Searched as keywords, side by side: a change is not said but may be meant.
        "sciatica bladder",
        "sciatca bladder",
        "bladder sciatica",
        "back pain bladder",
        "numb leg bladder",
        "sciatica peeing",
        "sciatica wee",
        "lower back pain and bowels",
        "back pain poo accident",
        "toilet accidents sciatica",
        "loo accidents sciatica",
        "back pain leaking",
        "sciatica and leaking",
        # "Bowls" and "bowl" for "bowels" and "bowel" (words of English, never corrected).
        "sciatica bowls",
        "back pain bowls",
        "bowls and lower back pain",
        "back pain bowl movement",
        "bowl problems with my sciatica",
        # Not being able to poo, or not noticing when you need to: not constipation (EVERYDAY).
        "I can't poo",
        "back pain cant poo",
        "I haven't been able to poo since Monday",
        "I'm not noticing when I need to poo",
        "I didn't realise I needed a poo",
        "leaking poo",
        # No urge to go, and not knowing one had gone until after.
        "I have no urge to go to the toilet",
        "I've lost the urge to pee",
        "there is no urge to wee any more",
        "I didn't realise I had peed until I stood up",
        "I didn't know I'd wet myself",
        "I never noticed I was peeing",
        # A relative wetting themself, "my self" as typed, not making it to the toilet with "in
        # time" unsaid, and a bladder that will not empty or gives nothing when one tries.
        "my husband has wet himself twice",
        "i wet my self",
        "i didnt make it to the toilet",
        "my dad never made it to the bathroom",
        "my bladder wont empty",
        "nothing comes out when i try to wee",
    ],
    "both_legs": [
        "I can't walk properly",
        "my back is so bad I can't walk",
        "Both of my legs feel a lot worse. They ache tingle and throb. Walking is more difficult",
        "My balance is being affected, I am even going backwards",
        "I keep losing my balance",
        "weakness in both my legs",
        "my legs went from under me",
        "my legs feel like jelly",
        "Both my legs feel weak",
        # "Getting number" is more numb ("number" alone is not: see EVERYDAY).
        "my legs are getting number",
        "I have numbness in both legs",
        "Weakness in both of my legs since this morning",
        "My legs keep giving way when I stand up",
        "My legs are numb from the knees down",
        "I have sciatica down both legs",
        "I have tingling in my legs and feet",
        "I have sciatica on both sides",
        "I feel unsteady on my feet since the weekend",
        "I am having difficulty walking",
        "numb legs",
        "weak legs and back pain",
        "I can barely walk",
        "My legs keep collapsing under me",
        "I can't feel my feet",
        "pain in both legs",
        "Both my legs hurt",
        "leg pain on both sides",
        "If I walk or stand, then both legs are so painful",
        "struggling to walk",
        "I'm finding it hard to walk",
        "wobbly legs",
        "I feel off balance",
        "imbalance and dizziness",
        "I feel like I might fall over",
        "When I moved I felt I might fall over",
        "both feet are numb",
        "numbness in my feet and legs",
        # As worried askers type them: lower case, text-speak, no punctuation.
        "my legs keep giving out",
        "i keep falling over",
        "my legs feel heavy and weak",
        "my legs wont hold me up",
        "both legs numb",
        # Not being able to stand, not the idiom (see EVERYDAY).
        "I can't stand.",
        "I cant stand, my legs give way",
        "unable to stand without help",
        "I couldn't stand up this morning",
        "cannot stand or walk",
        "can't stand on my legs",
        "I can barely stand",
        "I can't stand up straight away in the morning",
        # Not standing up straight, but with the legs failing or walking too (see EVERYDAY).
        "I can't stand up straight, my legs keep giving way",
        "I can't stand up straight or walk",
        # As searched: keywords side by side.
        "unsteady on feet",
        "loss of balance",
        "balance problems",
        "jelly legs",
        "double sciatica",
        "walking difficulty",
        "cant stand",
        "unable to stand",
        "num legs",
        # Legs like jelly, for a reason that is not the saying's (see EVERYDAY).
        "my legs went to jelly when I stood up",
        "my legs are weak from the sciatica",
        # Lost feeling, read as in the saddle area (see SENSATION_LOSS), in both legs, either leg
        # or "my legs" (one leg is not the sign: see EVERYDAY).
        "I've lost the feeling in both legs",
        "I can hardly feel my legs",
        "I felt nothing in either leg",
        "both legs have lost all sensation",
        "I don't have much feeling in my legs",
        "I have less feeling in both legs",
        "hardly any feeling in my legs",
        "reduced sensation in both legs",
        "I can't feel anything in my legs",
        "I can no longer feel my legs",
        "I can't really feel my legs",
        "i dont feel my legs",
        "I can barely feel my feet",
        "no feeling in either leg",
        "weakness in either leg",
        # "Gone dead", right beside both legs or "my legs" (see GONE_DEAD).
        "my legs have gone dead",
        "both my legs went completely dead",
        "both legs feel dead",
        "gone dead in both legs",
        # "Gone to sleep", right beside both legs, or of the legs again and again (see
        # GONE_TO_SLEEP).
        "both my legs keep going to sleep",
        "Both feet have fallen asleep",
        "both of my legs keep on going to sleep",
        "my legs keep falling asleep",
        "My legs are always going to sleep",
        "both my legs keep going to sleep, even when I walk",
        # Nothing felt, with a needle or a session said too: both legs named, since a needle,
        # nothing said of a needle, or another of the sign's words between (see
        # NOTHING_FELT_OF_A_NEEDLE_IN_THE_LEGS).
        "I felt nothing in both legs during the session",
        "when the needles went in I felt nothing in both legs",
        "The needles in both legs didn't hurt, I felt nothing",
        "since the acupuncture I have felt nothing in my legs",
        "I felt nothing in my legs for two days",
        "when the needle went in my legs gave way and I felt nothing",
        "When the needle went in I lost my balance and felt nothing",
        # "My feet", both feet, read as "my legs" (one foot, and feet numb from sitting, cold,
        # shoes or neuropathy, are not the sign: see EVERYDAY).
        "my feet are numb and tingling",
        "my feet are numb",
        "numbness in my feet",
        "I have pins and needles in my feet since yesterday",
        "weakness in my feet",
        "my feet feel weak and numb",
        "my feet have lost all feeling",
        "numb feet",
        "back pain and numb feet",
        # "Both my legs", "both of his legs", with the pain said before them.
        "pain in both my legs",
        "my husband has aching in both of his legs",
        "shooting pains down both my legs",
    ],
    "chest_pain": [
        # Where askers feel it as the heart.
        "my heart hurts",
        "pain around my heart and my back",
        "heart pain",
        "I have back pain and chest pain",
        "There is a tightness across my chest",
        "I get pains in my chest when the back spasms",
        "pain in chest",
        # As worried askers type them: lower case, text-speak, no punctuation.
        "my chest feels tight",
        "my chest is really tight",
        "chest hurting",
        "my chest hurts and my back",
        # As searched: keywords side by side.
        "chest and back pain",
        "chest pressure back pain",
        "angina back pain",
        # Where in the chest, how it feels and where it goes, as the NHS page on chest pain
        # describes it.
        "pain in the middle of my chest",
        "heaviness in my chest",
        "pain spreading from my chest to my back",
        "sore chest",
        "my chest is killing me",
    ],
    # A collapsed lung (pneumothorax) is acupuncture's best-known serious harm; it can start hours
    # after the session.
    "breathless": [
        "I felt short of breath after my acupuncture session",
        "Since the needles in my upper back I am breathless",
        "It hurts when I breathe in since the session",
        "sharp pain in my side when I breathe",
        "I can't breathe properly since yesterday's treatment",
        "I have difficulty breathing",
        "I'm struggling to catch my breath",
        "Could the needle have punctured my lung?",
        "collapsed lung after acupuncture",
        "breathing is painful",
        "I get out of breath since the acupuncture",
        "painful to breathe deeply",
        "I cant breath after acupuncture",
        "struggling to breath since the session",
        "It hurts to take a deep breath",
        "sharp pain in my back when I take a breath",
        # As worried askers type them: lower case, text-speak, no punctuation.
        "hurts when i breath in",
        "cant catch my breath since the needles",
        # In the past, or "not able" (read as "cannot": see normalise).
        "then couldn't breathe properly that evening",
        # As searched: keywords side by side.
        "breathing difficulty",
        "painful breathing",
        "pain breathing in",
        "short breath back pain",
        "lung puncture acupuncture",
        # Trouble breathing since or after a session, a breathing condition named or not.
        "i have asthma and since the needles in my shoulders im short of breath",
        "i have copd and i cant breathe since the session",
        "shortness of breath after acupuncture asthma",
        "breathing problems since the acupuncture",
        "shortness of breath with my asthma since the needles",
        # Gasping or fighting for breath, or not getting enough air.
        "i was gasping for breath",
        "struggling for breath",
        "gasping for air",
        "i feel like i cant get enough air",
        "my wife couldnt get enough air",
    ],
    "needle_site_infection": [
        "The place where the needle went in is red and hot",
        "One of the needle sites looks infected",
        "There is pus where a needle went in",
        "Since the acupuncture the skin on my back is hot and swollen",
        "The spot where the needles were is oozing",
        "the redness is spreading from where the needle was",
        "red swollen needle mark on my back",
        "the needle site is hot, red and sore",
        "infected needle site",
        "needle site infected",
        "the acupuncture points look infected",
        # As worried askers type them: lower case, text-speak, no punctuation.
        "the area where he put the needle is red and spreading",
        "the redness round the needle mark is getting bigger",
        "i think i have a needle site infection",
        "needle mark is oozing pus",
        # As searched: keywords side by side.
        "swollen needle site",
        "needle site hot",
        "cellulitis after acupuncture",
        "red streak from needle",
        "red line spreading from where the needle went in",
        # Hot or swollen alone, said of the place a needle went in (the NHS's infected wound).
        "where a needle went in is swollen",
        "swollen where the needle went in",
        "swelling at needle site",
        "where the needle went in is hot",
        "the needle site feels hot",
        "the place where the acupuncture needles were put in has swollen up",
        "where the needle went in on my back is still a bit swollen",
        "hot needle site",
        # An infection said of a needle or a session, or a site asked or said to be infected.
        "infection after acupuncture",
        "I think I have an infection from the needles",
        "needle site infection",
        "acupuncture infection",
        "an infection at the needle site",
        "infection where the needle went in",
        "I developed a skin infection after dry needling",
        "since my acupuncture session I've got an infection on my back",
        "the needles have given me an infection",
        "the acupuncture left me with an infection",
        "could the needles have caused an infection?",
        "an infected spot where the needle went in",
        "the needle site is red, is it infected?",
        "where the needle went in, I think it's infected",
        "I had acupuncture yesterday. The spot is red and sore. Is it infected?",
        "I had acupuncture on Monday. Now it's hot and I think it's infected.",
    ],
    # A needle that touched a nerve: symptoms that have gone on since, not the tingle as it went in.
    "needle_nerve": [
        # Since the needle first, the symptom after ("the weakness ... is still there").
        "since the needle in my leg I have shooting pain down to my foot",
        "since the acupuncture my foot has been numb",
        "since acupuncture the weakness in my leg is still there",
        "I feel weak in my leg since the needle",
        "shooting pains and pins and needles since the needle in my buttock two weeks ago",
        "my leg has felt weak ever since the dry needling",
        "Since the acupuncture I still have pins and needles in my foot",
        "the shooting pain hasn't gone since the needle in my buttock",
        "Legs weak since my acupuncture",
        "weeks after the needles I still have numbness in my foot",
        "It has now been over two weeks and I'm still suffering from pain at the side of the "
        "needle insertion and also from shooting pains and pins and needles",
        # Numbness said as a part not felt, or no feeling in it (not the pain in it: see
        # EVERYDAY).
        "I cant feel my foot since acupuncture",
        "my feet have been numb since acupuncture",
        "I have had no feeling in my leg since the acupuncture",
        "since the needle in my buttock I can hardly feel my left leg",
        "I've lost the feeling in my thigh since the needles",
        "I can't feel my toes two weeks after the acupuncture",
        "Since the acupuncture I still can't feel my big toe",
        # Come on as a needle went in, or after it, and gone on.
        "my leg went numb during acupuncture and is still numb",
        "after the needles my foot has been numb",
        "my foot tingled when the needle went in and it still tingles",
        "my leg went numb after acupuncture and it hasn't worn off",
        "during the acupuncture my leg went numb and the feeling hasn't come back",
        # As searched: keywords side by side.
        "numbness two weeks after acupuncture",
    ],
    # A needle left in after the session, or a piece of one broken off under the skin.
    "needle_left_in": [
        "I found a needle still in my back when I got home",
        "the needle broke and a bit is still in my skin",
        "I think part of the needle is stuck under my skin",
        "needle left in after session",
        "a bit of the needle is still in my skin",
        # As worried askers type them: lower case, text-speak, long chatty sentences.
        "when i got home my husband found a needle still stuck in my back",
        "i think the acupuncturist left a needle in my neck, i only noticed when i took my top "
        "off to get changed",
        "she forgot to take one of the needles out",
        "one needle wasnt removed",
        "a needle was left in my back after the session",
        "the tip of the needle broke off and i can feel it under my skin",
        "theres a bit of needle under my skin",
        "the practitioner snapped a needle in my leg",
        "a needle is stuck in my back and wont come out",
        "the needle is still in my shoulder and its been 2 hours",
        "i had a needle left in my back overnight",
        # As searched: keywords side by side.
        "broken needle in skin",
        "needle fragment under skin",
        "retained acupuncture needle",
    ],
    # A burn or blister from moxa, a heat lamp or cupping, or skin there that weeps, or from a
    # heat pad, a hot-water bottle, a heat wrap or a wheat bag.
    "treatment_burn": [
        "the moxa burnt my skin and it has blistered",
        "cupping left blisters that are weeping",
        "I got burned by the heat lamp during acupuncture",
        # As worried askers type them: lower case, text-speak, long chatty sentences.
        "i have a blister from the moxa",
        "the heat lamp burnt my back",
        "i was burnt by the moxa stick",
        "my skin blistered after cupping",
        "fire cupping burned me",
        "i got burned during acupuncture and now its blistered",
        "the moxa left a burn mark",
        "the cupping marks are weeping",
        "the moxibustion spot is oozing pus",
        "i got a burn from the heat lamp at my session last week and it hurts when i lie on it",
        # As searched: keywords side by side.
        "moxa burn",
        "cupping blisters",
        "burn from moxa",
        "burn from the heat lamp",
        "burns from the heat lamp on my back",
        # Heat at home for a sore back, which burns numb skin without its being felt.
        "I burnt my back with a hot water bottle",
        "blister from my heat pad",
        "the wheat bag scalded my skin",
        "the heat pad burned my lower back while I slept",
        "i fell asleep on my heating pad and now theres a blister",
        "the heat wrap left a burn on my back",
        "my skin has blistered where the hot-water bottle was",
        "got burnt by a microwaved wheat bag",
        "my electric blanket burnt my leg and it blistered",
        "the hot water bottle was burning my back so I moved it",
        "the pain is burning and the heat pad burnt my skin",
        "hot water bottle burn",
        "heat pad blisters",
    ],
    # The signs of a stroke (the NHS's face, arms and speech), which a needle in the neck can
    # rarely bring on; a stroke feared now or just had.
    "stroke": [
        "her face has dropped on one side",
        "one side of my face has dropped",
        "his mouth is droopy and he cannot lift his arm",
        "my dad has a lopsided smile since this morning",
        "drooping face and slurred speech",
        "facial droop after acupuncture",
        "weakness down the left side of my body",
        "I suddenly have numbness on one side of my body",
        "the right side of my face went numb",
        "suddenly I couldn't lift my arm",
        "his speech is slurred since the neck acupuncture",
        "she is slurring her words",
        "my mum's speech was garbled this morning",
        "I think I'm having a stroke",
        "could this be a mini stroke?",
        "I think my dad had a stroke last night",
        "I think I have had a stroke",
        "I had a stroke last year. Now my face has dropped again",
        "weakness down one side of my body, I'm worried it is a stroke",
        # A sign said to be new, now or back, in the very sentence that names a stroke of the
        # past: perhaps a new stroke, not what the old one left.
        "After my stroke last year I recovered well, but this morning my face suddenly dropped on "
        "one side",
        "Since my stroke in 2019 I've been fine, now his speech is slurred again today",
        "after her stroke her face drooped, and it has dropped again",
        "since my stroke I have new weakness down the left side of my body",
        "I had a stroke two years ago and my face droops, could it be another stroke?",
        "since his stroke his face started to droop",
        "after his stroke yesterday his mouth is droopy",
        "I had a stroke 3 years ago and since last week my face has drooped",
        "after my stroke I had weakness down one side of my body, and it came on again an hour ago",
        "after my stroke my face dropped on one side, and now it's worse",
        "since his stroke he has had weakness down the left side of his body and it is getting worse",
        "her speech has been slurred since her stroke two years ago but it's much worse this week",
        # A face drooped within hours, taken for a Bell's palsy: perhaps a stroke.
        "I woke up this morning with my face drooping on one side, I think it's Bell's palsy",
        "my mouth has dropped on one side since last night, could it be bell's palsy?",
        # A droop come on suddenly, taken for a Bell's palsy: a stroke's signs, unlike the
        # palsy's, usually come on suddenly.
        "my face suddenly drooped on one side, is it Bell's palsy?",
        "all of a sudden her mouth dropped, we think it's facial palsy",
        "I've had Bell's palsy for a year and this morning my face drooped further",
        # A palsy only asked about or thought of, with no time: no doctor has named it.
        "My face drooped, is it Bell's palsy?",
        "one side of my mouth is drooping, I think it's Bell's palsy",
        "my face droops on one side, do I have facial palsy?",
    ],
    # Thoughts of suicide or self-harm, said outright: pain that goes on wears people down.
    "thoughts_of_suicide": [
        "I can't go on with this pain, I want to end it all",
        "I feel like killing myself because of my back pain",
        "the pain is so bad I've thought about suicide",
        "I feel suicidal",
        "I don't want to be alive anymore with this sciatica",
        "i want to die the pain is unbearable",
        "I don't want to live like this anymore",
        "I don't want to go on like this.",
        "sometimes I wish I was dead",
        "everyone would be better off without me",
        "I've been self harming",
        "I took an overdose last night",
        "no point in going on",
    ],
    # A severe allergic reaction (anaphylaxis), which a needle, its metal or a cream can rarely
    # bring on.
    "anaphylaxis": [
        "my lips are swelling after the session",
        "my lips swelled up after acupuncture",
        "my throat feels tight and I've come out in hives after acupuncture",
        "my tongue is swollen and I can't swallow",
        "my face and throat are swelling",
        "my lips went blue",
        "I went cold and my lips turned blue",
        "anaphylaxis after acupuncture",
        "I'm allergic to nickel and my throat is swelling up",
    ],
    "sudden_severe_headache": [
        "I have a sudden severe headache",
        "Suddenly the worst headache of my life",
        "A terrible headache came on all of a sudden",
        "It's the worst headache I've ever had",
        "I had a thunderclap headache after the session",
        "Severe headache and I feel drowsy and confused",
        "I have a really bad headache and I passed out",
        "My headache is unbearable and I have lost my vision",
        "The pain in my head is excruciating and came on suddenly",
        "Awful headache since this morning, I've got a stiff neck",
        "A headache that came on suddenly and is extremely painful",
        "sudden very bad headache",
        "sudden bad headache",
        "A bad headache came on all of a sudden",
        "This is the worst headache I have had",
        # A headache with a stiff neck (meningitis), severe or not.
        "I have a headache and my neck is stiff",
        "stiff neck and a bad headache since last night",
        # As searched: keywords side by side.
        "severe headache blurred vision",
        "worst headache",
        "headache and stiff neck",
        "bad headache stiff neck fever",
        "headache neck stiffness",
        # "Splitting" and "blinding", of the headache itself, with "sudden".
        "sudden splitting headache",
        "a sudden blinding headache",
        "i suddenly got a splitting headache",
        "blinding headache came on suddenly",
    ],
    "burst_aneurysm": [
        # Pain that nearly made one pass out: severe pain and faintness both.
        "I nearly passed out from the back pain",
        "the back pain was so bad I almost passed out",
        "i almost blacked out with the pain in my back",
        "I almost fainted from the pain in my lower back this morning",
        # Pain in the tummy and the back with faintness, however bad.
        "pain in my tummy and back, feel faint and clammy",
        "stomach and back ache, dizzy and sweaty",
        "I feel faint and have sudden severe back pain",
        "Sudden terrible pain in my lower back and I feel dizzy and sweaty",
        "I went pale and clammy, then all of a sudden an excruciating pain in my tummy and back",
        "Really bad tummy and back pain came on suddenly and I feel faint",
        "Agony in my back out of nowhere, I'm sweating and dizzy",
        "I feel faint and have severe back pain",
        "My tummy and back pain is really bad and I feel light-headed",
        "Terrible pain in my lower back, I'm pale and clammy",
        "I feel lightheaded and have severe back pain",
        # Fainting, sweating and collapsing in their forms, and agony in its (not a faint ache, a
        # sweater, a collapsed disc or an agonist: see EVERYDAY).
        "severe back pain and I'm fainting",
        "severe back pain, I feel faint with it",
        "severe back pain and I'm sweating",
        "severe back pain and I collapsed on the floor",
        "the pain is agonizing and I feel faint",
        "agonising back pain and dizzy",
        # The back's pain with feeling faint or dizzy in one sentence, however bad; asked of the
        # asker's own, or since a session (not a passing faint during one).
        "my back pain made me feel faint",
        "sudden severe back pain and I feel dizzy and sweaty",
        "the pain in my back is so bad I feel faint",
        "my back hurts and i feel really dizzy",
        "backache and feeling faint",
        "my back is killing me and I feel like I'm going to pass out",
        "my sciatica is so bad I feel dizzy",
        "why does my back pain make me dizzy?",
        "can my back pain make me feel faint?",
        "my back pain is so bad I feel faint, should I cancel my acupuncture session?",
        "I have felt dizzy since the session and my back hurts",
        "I'm on a GLP-1 agonist and my back pain makes me dizzy",
        # A tearing or ripping pain (aortic dissection), alone.
        "sudden tearing pain between my shoulder blades",
        "ripping pain in my back",
        "a sudden, sharp tearing pain in my back",
        "it feels like something is ripping inside my chest",
        "the pain in my back feels like tearing",
        # As searched: keywords side by side.
        "back pain dizzy faint sudden",
        "back pain dizziness",
        "back ache and light headed",
        "lower back pain, dizzy",
        "sudden back pain collapse",
        "aortic aneurysm",
        "aneurysm back pain",
        "tearing back pain",
        "aortic dissection",
    ],
    # A collapse, or passing or blacking out, whether pain is named or not: not a faint during a
    # session or at the sight of needles (see EVERYDAY).
    "collapse": [
        "I collapsed when I got out of bed",
        # As worried askers type them: lower case, text-speak, long chatty sentences.
        "my mum collapsed in the kitchen this morning and now her back is really sore",
        "i collapsed at work",
        "i just collapsed yesterday for no reason",
        "i keep passing out",
        "i have blacked out twice this week",
        "I had a blackout",
        "i keep having blackouts since my back went",
        "got out of bed and collapsed",
        "found him collapsed on the bathroom floor",
        "i passed out when i stood up",
        "i lost consciousness for a minute",
        "my back hurt so much i collapsed",
        "it looks like he collapsed",
        # After a session, not during it.
        "i collapsed after my acupuncture session when i got home",
        # Being unconscious, as passing out.
        "i went unconscious",
        "i was unconscious for a few minutes",
        "found him on the floor unconscious",
        "found my dad unconscious in the garden",
    ],
    "sexual_function": [
        "Since the back pain started I can't get an erection",
        "I have erectile problems since my back went",
        "I have lost feeling during sex",
        "I'm numb when I have sex",
        "sex feels numb since my back went",
        "intercourse is numb now",
        # As worried askers type them: lower case, text-speak, no punctuation.
        "cant get it up since my back went",
        "i cant get it up",
        "I can't keep it up during sex",
        "cant get hard since the back pain",
        # As searched: keywords side by side.
        "impotence back pain",
        "sciatica erection problems",
        # Not being able to come, as women say it too.
        "i cant orgasm since my back went",
        "i can't climax anymore",
        "my wife is unable to have an orgasm since the fall",
        "trouble reaching orgasm",
    ],
    # Naming it: the syndrome's own advice.
    "cauda_equina": [
        "cauda equina symptoms",
        "could i have cauda equina",
        "CES symptoms",
        "Is this cauda equina syndrome?",
        "My GP is worried about possible CES",
        # Negation is not parsed: a false alarm is the safer mistake.
        "cauda equina was ruled out last year",
        "could it be CES",
        "worried about cauda equina",
    ],
    "rapidly_worsening": [
        "my back pain is getting worse and worse by the hour",
        "the numbness is spreading",
        "numbness spreading up my legs",
        "the weakness in my leg is getting worse",
        "The numbness is getting worse quickly",
        "My symptoms are getting quickly worse",
        "The pain is getting worse by the hour",
        "It suddenly got much worse this afternoon",
        "The weakness has been rapidly getting worse",
        "It's getting worse every day",
        "my leg is weak and getting weaker",
        "my toes are getting number",
        "the numbness is getting worse and my foot is becoming more numb",
        # As searched: keywords side by side.
        "sciatica worsening rapidly",
        "sudden worsening sciatica",
    ],
    "fever": [
        "I have a fever and my back is killing me",
        "I've been feeling feverish with the back pain",
        "I'm running a temperature",
        "My temperature is 38.5",
        "I feel hot and shivery and my lower back hurts",
        "I had a high temperature last night",
        "high temperature and back pain",
        "My temperature is high",
        "I have night sweats",
        "I've been shivering all day",
        "back pain with a temperature",
        "temperature and back pain",
        "I have a high temp",
        "back pain chills",
        "shivers and back ache",
        "I've got the chills and my lower back aches",
        # As worried askers type them: lower case, text-speak, no punctuation.
        "back pain and a temp",
        "my temp is 102 and my back hurts",
        "temperature of 101 and lower back pain",
        "i feel hot and cold and my back hurts",
        # As searched: keywords side by side.
        "back pain pyrexia",
        "spinal infection",
        "discitis",
        "kidney infection back pain",
        # Sweats with back pain, or at night.
        "back pain sweats",
        "sciatica and sweats",
        "back pain sweating",
        "sweating at night and back pain",
        "I've been sweating a lot at night and my back hurts",
        "I wake up drenched and my lower back aches",
        "my sheets are soaked every morning",
        "I get the sweats",
        "I've had cold sweats with the back pain",
        # Denied in part, doubted, twice or in the past, or not directly before the sign's words:
        # only a plain denial hides it (see EVERYDAY).
        "no fever but night sweats",
        "I have no fever and night sweats",
        "I have no fever, chills and night sweats",
        "I get night time sweats a lot since the pain started",
        "nighttime sweats",
        "night-time sweating",
        "not sure if it's a fever",
        "no idea why I have night sweats",
        "nothing helps the night sweats",
        "no fever medicine helps",
        "I never go a night without night sweats",
        "I haven't been without a fever, day or night",
        "I didn't have a fever until today",
        "I don't have a fever until the evening",
        "I don't think I have a fever",
        "no high temperature but I feel hot and shivery",
        # A comma not followed by a list of the sign's words ending in "or", "nor" or "and" ends
        # the denial: what follows is read (see EVERYDAY).
        "no fever, but night sweats",
        "no fever, night sweats every night",
        "no fever, I sweat at night",
        "no fever, chills, night sweats",
        "no fever, chills or night sweats every night",
        "no fever, chills and I sweat at night",
        "no fever or chills, sweating at night",
        # Sweating said, not denied, or the denial not plain.
        "it's not sweating at night, it's all day and my back aches",
        "I'm sweating at night, if not sweating all day",
        "not sweating at night until this week",
        "no sweating at night but I wake up drenched",
    ],
    "blood_in_urine": [
        "blood in my pee and back pain",
        "I noticed blood in my urine this morning",
        "There was blood when I peed",
        "I've been peeing blood since yesterday",
        "My pee is pink and my back aches on one side",
        "my urine looked red after the session",
        "I have haematuria and lower back pain",
        "bloody urine",
        "hematuria",
        "My GP's blood test was fine but there is still blood in my wee",
        # As worried askers type them: lower case, text-speak, no punctuation.
        "my pee looks brown and my back hurts",
        "blood in my wee",
        # As searched: keywords side by side.
        "blood urine back pain",
        "back pain blood pee",
    ],
    "weight_loss": [
        "I have lost a lot of weight without trying",
        "My GP mentioned unexplained weight loss",
        "I've lost two stone in weight for no reason",
        "The weight is falling off me",
        "I've lost weight and I don't know why",
        "I have lost weight and I dont know why",
        # As searched: keywords side by side.
        "back pain weight loss",
        "weight loss back pain",
        "losing weight back pain",
    ],
    "cancer_history": [
        "I had breast cancer five years ago and now my back hurts",
        "I'm a cancer survivor with new back pain",
        "I finished chemo in March and my back has hurt since",
        "I have prostate cancer and sciatica",
        "cancer back pain",
        "My oncologist said the scan was clear but my spine aches",
        # As worried askers type them: lower case, text-speak, no punctuation.
        "backache, previous cancer",
        "cancer survivor with backache",
        "i have leukemia and backpain",
        # As searched: keywords side by side.
        "bone mets back pain",
    ],
    "foot_drop": [
        "I keep tripping over my foot",
        "I trip over my own feet",
        "my toes drag on the floor",
        "My physio thinks I have foot drop on the left",
        "My right foot is dragging when I walk",
        "My foot keeps slapping on the floor",
        "I can't lift my foot up properly since the sciatica started",
        "I keep catching my toes on the stairs",
        "He is dragging his left leg",
        "I'm dragging both feet",
        "dragging both of my legs when I walk",
        # In the past, or "not able" (read as "cannot": see normalise).
        "I couldn't lift the front of my foot",
        # As searched: keywords side by side.
        "cant lift foot",
        "footdrop",
        "dragging foot",
        "floppy foot",
        "tripping over foot",
    ],
    "thin_bones_or_steroids": [
        "I have osteoporosis and sudden back pain",
        "My doctor says I have thin bones and now my lower back hurts",
        "I've been on prednisolone for two years and my back started hurting",
        "I take steroid tablets for my asthma and have new back pain",
        "Back pain since Tuesday. I have osteopenia",
        "i have osteoporosis and my backache is new",
        # As searched: keywords side by side.
        "spinal fracture",
        "broken back",
    ],
    "pregnancy": [
        # Signs that say the pregnancy themselves.
        "waters broke",
        "my waters have broken and my back is agony",
        "baby not moving as much",
        "my baby hasn't moved today",
        "reduced fetal movements",
        "I am 30 weeks pregnant with severe back pain",
        "I'm pregnant and I have some bleeding and backache",
        "28 weeks pregnant, lower back pain that comes and goes with tightenings",
        "I'm in my third trimester and my waters have broken",
        "I am pregnant and my baby is moving less",
        # Moving less, said with a negation; not felt to move; first movements not felt yet at
        # 24 weeks or more, or with no weeks said.
        "I'm 30 weeks pregnant and the baby isn't moving as much",
        "the baby hasn't been moving much today",
        "the baby doesn't move as much as it did",
        "I haven't felt the baby move today",
        # Movements said to slow, or a baby said to be quieter (found on trial).
        "I'm 30 weeks pregnant and my baby's movements have slowed down since yesterday",
        "Baby movements have reduced since yesterday, 30 weeks.",
        "I'm pregnant and the baby has been much quieter than usual today",
        "I have not felt my baby move since last night",
        "I can't feel the baby moving",
        "I haven't felt the baby move yet today",
        "I'm 26 weeks and haven't felt the baby move yet",
        "the baby hasn't moved since this morning",
        # The waters leaking, or broken, in a pregnancy.
        "pregnant and I think my waters are leaking",
        "my waters might be leaking",
        "I'm 32 weeks and my waters have broken",
        "Is acupuncture safe for severe back pain in pregnancy?",
        # As worried askers type them: lower case, text-speak, no punctuation.
        "pregant and bleding",
        "im 38 weeks and having tightenings in my back",
        "I am 34+3 weeks with bleeding",
        "pregnant and leaking fluid with back ache",
        # As searched: keywords side by side.
        "pregnant back pain contractions",
        "pregnant spotting back pain",
    ],
    "infection_risk": [
        # Steroids injected oneself, as at a gym.
        "I inject steroids at the gym and my back hurts",
        "I have HIV and my back has started hurting",
        "I'm on immunosuppressants after a kidney transplant and now have lower back pain",
        "I take methotrexate for rheumatoid arthritis and have new back pain",
        "my immune system is weak and my back hurts",
        "I used to inject drugs and now my spine is sore",
        "I had tuberculosis as a child and now have back pain",
        # As worried askers type them: lower case, text-speak, no punctuation.
        "i have hiv and backpain",
        "heroin user with backache",
        # As searched: keywords side by side.
        "low immune system back pain",
        "immunocompromised sciatica",
        "iv drug user back pain",
    ],
    "back_lump": [
        "There is a lump on my lower back",
        "My spine has a swelling near the bottom",
        "My back has changed shape",
        "I noticed a change in the shape of my back",
        # A curve that grows, or one that came on.
        "my spine is curving more and more",
        "my back is getting more hunched over the last few weeks",
        "my back is bent over to one side since the spasm",
        "my spine is leaning to one side",
        # As searched: keywords side by side.
        "bump on spine",
        "spine bump",
    ],
    "night_or_rest_pain": [
        # The pain or the back in another sentence.
        "My back is agony. I can't sleep.",
        "cant sleep back pain",
        "The pain is worse at night",
        "It wakes me up at night",
        "The pain does not improve when I rest",
        "I can't sleep because of the pain",
        "The pain keeps me awake",
        "The pain is worse lying down",
        "The pain wakes me up",
        "back pain at night",
        "My sciatica woke me up twice",
        # Sleep lost after a session is the sign when the pain is named (see EVERYDAY).
        "I couldn't sleep after the session because of the pain",
        # Severe pain that painkillers do not ease.
        "severe pain not easing even with more tramadol",
        "the painkillers aren't touching it",
        "tramadol doesn't even touch the pain",
        "the painkillers can't touch it",
        "the codeine couldn't touch the pain last night",
        "the pain is unbearable even with painkillers",
        "my back pain is terrible and the painkillers are not helping",
        "the pain is getting worse despite painkillers",
        "severe pain and the painkillers are not easing it",
        "the pain is severe and the tablets don't ease it",
        # As searched: keywords side by side.
        "back pain night time",
        "nighttime back pain",
        "painkillers not touching the pain",
    ],
    "cough_sneeze_pain": [
        "It hurts when I cough",
        "it's painful when I cough",
        "The pain is much worse when I sneeze",
        "Pain shoots down my leg when I strain on the toilet",
        "Coughing makes the pain worse",
        "It hurts to sneeze",
        "it kills when i sneeze",
        # As searched: keywords side by side.
        "pain when sneezing",
        "sciatica cough",
        "back pain sneeze",
    ],
    "upper_back": [
        "The pain is in my upper back",
        "I have pain between my shoulder blades",
        "It hurts at the top of my back",
        "mid back pain",
        "It hurts in the middle of my back",
        # As searched: keywords side by side.
        "pain between shoulder blades",
        "top of back pain",
        "upper spine pain",
    ],
    "fall_or_accident": [
        "I fell and hurt my back",
        "I fell last week and now my back hurts",
        "I fell down the stairs last week and now my back hurts",
        "My back pain started after a fall on the ice",
        "I had a car accident on Monday",
        "I slipped on a wet floor at work",
        "I was hit by a car while cycling",
        "I had a nasty fall in the garden",
        "The pain began after I fell off a ladder",
        "It started after an injury at the gym",
        "I injured my back lifting a wardrobe",
        # As worried askers type them: lower case, text-speak, no punctuation.
        "fell at work",
        "my mum fell at home",
        "car wreck last week",
        "i fell off a ladder",
        # A person who fell, not a thing or a date.
        "I fell on the ice",
        "I fell on the hottest day of the year and hurt my back",
        "My mum fell on the stairs",
        "my wife fell over in the garden",
        "My son fell from a trampoline",
        "fell down the stairs",
        "Fell off my bike yesterday and my back is sore",
        "I had a fall",
        "I slipped and fell",
        "I lost my balance and fell.",
        "I nearly fell off a ladder",
        "My dad, who fell off a ladder, now has back pain",
        "my mother-in-law fell down the stairs",
        "my grandson fell off the trampoline",
        # Someone named: any lone word before "fell" but a thing's or a date's.
        "Tom fell off his bike and hurt his back",
        "Yesterday Sarah fell down the stairs",
        "My son Ben fell off the trampoline",
        "Two weeks ago Joan fell at work and her back still hurts",
        "Grandad fell.",
        "dave fell and hurt his back",
        # Something that fell on a person.
        "A heavy box fell on my back at work",
        "Books fell off the shelf onto me",
        # As searched: keywords side by side.
        "back pain after fall",
        "back injury",
        "fell on back",
    ],
}

# Every item of the NHS lists, worded as the NHS words it, and the rule that catches it.
NHS_ITEMS = {
    # Sciatica: go to A&E or call 999.
    "you have sciatica on both sides": "both_legs",
    "weakness or numbness in both legs that's severe or getting worse": "both_legs",
    "numbness around or under your genitals, or around your bottom (anus)": "saddle_numbness",
    "you find it hard to start peeing, cannot pee or cannot control when you pee": "bladder_bowel",
    "you do not notice when you need to poo or cannot control when you poo": "bladder_bowel",
    # Back pain: A&E or 999.
    "numbness or tingling around your genitals or bottom": "saddle_numbness",
    "you cannot pee or cannot control when you pee": "bladder_bowel",
    "you cannot control when you poo": "bladder_bowel",
    "chest pain": "chest_pain",
    "loss of feeling in both legs": "both_legs",
    "weakness in both legs": "both_legs",
    "you are unsteady on your feet": "both_legs",
    # Cauda equina syndrome: also sexual function.
    "you cannot get an erection": "sexual_function",
    # Back pain: urgent GP appointment or NHS 111.
    "you have a very high temperature or feel hot and shivery": "fever",
    "you have unexplained weight loss": "weight_loss",
    "a swelling or a change in the shape of your back": "back_lump",
    "the pain does not improve after resting or is worse at night": "night_or_rest_pain",
    "the pain started after a fall or injury": "fall_or_accident",
    "the pain is so bad you're having problems sleeping": "night_or_rest_pain",
    "the pain is worse when you sneeze, cough or poo": "cough_sneeze_pain",
    "the pain is coming from the top of your back, between your shoulders": "upper_back",
    # Blood in urine: urgent GP appointment or NHS 111.
    "you have blood in your pee": "blood_in_urine",
}

# Every item of the cauda equina warning card that NHS trusts hand out, worded as the card words
# it, and the rule that catches it.
CAUDA_EQUINA_CARD = {
    "loss of feeling or pins and needles between your inner thighs or genitals": "saddle_numbness",
    "numbness in or around your back passage or buttocks": "saddle_numbness",
    "altered feeling when using toilet paper to wipe yourself": "saddle_numbness",
    "increasing difficulty when you try to urinate": "bladder_bowel",
    "increasing difficulty when you try to stop or control your flow of urine": "bladder_bowel",
    "loss of sensation when you pass urine": "bladder_bowel",
    "leaking urine or recent need to use pads": "bladder_bowel",
    "not knowing when your bladder is either full or empty": "bladder_bowel",
    "inability to stop a bowel movement or leaking": "bladder_bowel",
    "loss of sensation when you pass a bowel motion": "bladder_bowel",
    "change in ability to achieve an erection or ejaculate": "sexual_function",
    "loss of sensation in genitals during sexual intercourse": "saddle_numbness",
    # As other trusts' leaflets word them.
    "loss of bladder or bowel control": "bladder_bowel",
    "difficulty starting or stopping urination": "bladder_bowel",
    "uncontrolled or unintentional leakage of urine": "bladder_bowel",
}

# Items of those lists, and of the other sources the module's docstring names, as askers type
# them: each item with the rule that must catch it and the phrases that stand for it. Look-alikes
# that must not match are in EVERYDAY.
IN_ASKERS_WORDS = {
    "you have a very high temperature or feel hot and shivery": (
        "fever",
        [
            "back pain with a temperature",
            "temperature and back pain",
            "a high temp",
            "back pain chills",
            "shivers and back ache",
            "back pain sweats",
            "sweating at night and back pain",
        ],
    ),
    "numbness around or under your genitals, or around your bottom (anus)": (
        "saddle_numbness",
        ["numb crotch", "my privates are numb", "numb backside", "numb bum", "numb butt"],
    ),
    "numbness in or around your back passage or buttocks": (
        "saddle_numbness",
        [
            "numb arse",
            "numb buttocks",
            "can't feel my bum on the seat",
            "I can hardly feel my bottom",
            "I can no longer feel my bottom",
            "I can't really feel my bum",
            "my bum's gone dead",
            "my bottom feels dead",
            "dead bum",
            "I can't feel the toilet seat",
            "I can't feel the loo seat",
            "I can't feel anything when I sit on the toilet",
            "when I sit on the toilet I feel nothing",
        ],
    ),
    "loss of feeling or pins and needles between your inner thighs or genitals": (
        "saddle_numbness",
        [
            "felt nothing down there",
            "no sensation between my legs",
            "lost the feeling down below",
            "I have lost all sensation in my groin",
            "very little feeling in my groin",
            "I don't have much feeling down there",
            "it feels dead down there",
            "gone dead in my groin",
        ],
    ),
    "altered feeling when using toilet paper to wipe yourself": (
        "saddle_numbness",
        [
            "I wiped myself and felt nothing down there",
            "I can't feel anything when I wipe",
            "i dont feel anything when i wipe",
            "no feeling when I wipe",
            "can't feel the toilet paper",
            "I didn't feel the toilet paper",
            "I didn't feel the loo roll",
            "i couldnt feel the toilet roll",
            "didn't feel the paper when I wiped",
            "couldn't feel myself wiping",
            "I wiped and felt nothing",
            "She says she felt nothing when she wiped herself",
            "when I wipe it feels dead",
        ],
    ),
    "you cannot pee or cannot control when you pee": (
        "bladder_bowel",
        [
            "i pee myself",
            "i wet myself",
            "I loose control of my bladder",
            # Common and seldom cauda equina, but losing control of when you pee: the module's
            # docstring says why they show the sign.
            "cant get to the loo in time",
            "wee myself when i cough",
            "back pain leaking",
        ],
    ),
    "loss of sensation when you pass urine": (
        "bladder_bowel",
        [
            "cant feel when I pee",
            "can't feel myself pee",
            "felt nothing when I peed",
            "i cant feel it when i pee",
            "no feeling when i go to the loo",
        ],
    ),
    "loss of sensation when you pass a bowel motion": (
        "bladder_bowel",
        [
            "i cant feel it when i poo",
            "no feeling when i have a poo",
            "I can't feel myself do a poo",
        ],
    ),
    "you cannot control when you poo": (
        "bladder_bowel",
        ["pooped myself", "soiled myself", "lost control of my bowls", "i cant poo", "leaking poo"],
    ),
    "you do not notice when you need to poo": (
        "bladder_bowel",
        ["not noticing when i need to poo", "i didnt realise i needed a poo"],
    ),
    "you are unsteady on your feet": (
        "both_legs",
        [
            "struggling to walk",
            "finding it hard to walk",
            "wobbly legs",
            "feel off balance",
            "imbalance",
            "i feel like i might fall over",
        ],
    ),
    "loss of feeling in both legs": (
        "both_legs",
        [
            "both feet are numb",
            "numbness in my feet and legs",
            "lost the feeling in both legs",
            "i can hardly feel my legs",
            "felt nothing in either leg",
            "my legs have gone dead",
        ],
    ),
    # The warning card's "loss of sensation in genitals during sexual intercourse", where the
    # genitals go unsaid: the sign whose label is "no feeling during sex".
    "no feeling during sex": (
        "sexual_function",
        ["numb when i have sex", "I felt nothing during sex"],
    ),
    "cauda equina syndrome, named (see the module's docstring)": (
        "cauda_equina",
        ["cauda equina symptoms", "could i have cauda equina", "CES symptoms"],
    ),
    "a headache that came on suddenly and is extremely painful (NHS: headaches)": (
        "sudden_severe_headache",
        ["sudden bad headache"],
    ),
    "a needle site that looks infected (NHS: cellulitis)": (
        "needle_site_infection",
        [
            "infected needle site",
            "needle site infected",
            "the needle site looks infected",
            "red streak from needle",
        ],
    ),
    "a sudden, severe tearing or ripping pain in the chest or upper back (NHS: aortic dissection)": (
        "burst_aneurysm",
        ["tearing back pain", "ripping pain in my back"],
    ),
    "a headache with a stiff neck (NHS: meningitis)": (
        "sudden_severe_headache",
        ["headache and stiff neck", "bad headache stiff neck fever"],
    ),
    "a nerve touched by a needle (see the module's docstring)": (
        "needle_nerve",
        ["shooting pains and pins and needles since the needle in my buttock two weeks ago"],
    ),
    "the pain is very severe or getting worse (NHS: back pain, see a GP)": (
        "night_or_rest_pain",
        ["painkillers not touching the pain", "severe pain not easing even with more tramadol"],
    ),
    "the pain does not improve after resting or is worse at night": (
        "night_or_rest_pain",
        ["back pain at night"],
    ),
    "the pain is so bad you're having problems sleeping": (
        "night_or_rest_pain",
        ["pain wakes me up"],
    ),
    "a needle left in, or a piece of one under the skin (see the module's docstring)": (
        "needle_left_in",
        ["needle left in after session", "the needle broke and a bit is still in my skin"],
    ),
    "a burn that blisters (NHS: burns and scalds)": (
        "treatment_burn",
        [
            "the moxa burnt my skin and it has blistered",
            "cupping left blisters that are weeping",
            "blister from my heat pad",
        ],
    ),
    "pain in your back and feeling dizzy or fainting (NHS: abdominal aortic aneurysm)": (
        "burst_aneurysm",
        ["my back pain made me feel faint", "the pain in my back is so bad I feel faint"],
    ),
    "loss of consciousness (NHS: when to call 999)": (
        "collapse",
        ["I collapsed when I got out of bed", "i keep passing out", "i have blacked out twice"],
    ),
}

# A typo in the word a sign hinges on, which the search and the ask form leave alone when the
# archive's pages lack the word, and which a published question is read with: the rules put it
# right themselves.
TYPOS = {
    "cant controll my bladder": "bladder_bowel",
    "back pain fevr": "fever",
    "feaver": "fever",
    "I have a temprature": "fever",
    "back pain and a temprature": "fever",
    "sudden severe headach": "sudden_severe_headache",
    "shortness of breth": "breathless",
    "blood in my urin": "blood_in_urine",
    "incontinance": "bladder_bowel",
    "chesst pain": "chest_pain",
    "I have a chest pian": "chest_pain",
    "pian in my chest": "chest_pain",
    "tinlging around my genitals": "saddle_numbness",
    "I have nmubness in my groin": "saddle_numbness",
    "I felt nothng down there": "saddle_numbness",
    "nunbness in both legs": "both_legs",
    "I've lost the feelng in both legs": "both_legs",
    "wobbley legs": "both_legs",
    "collapsed lnug": "breathless",
    "haematuira": "blood_in_urine",
    "corda equnia": "cauda_equina",
    "I'm loosing control of my bowels": "bladder_bowel",
    "sciatica bowles": "bladder_bowel",
    "back pain bwoels": "bladder_bowel",
    "sciatica blader": "bladder_bowel",
    "back pain bldder": "bladder_bowel",
    # A finger slipped onto the next key in a word of four letters.
    "chest paim": "chest_pain",
    "paim in my chest": "chest_pain",
    "back paim with temperature": "fever",
    "severe back paim and I feel faint": "burst_aneurysm",
    "paim in both legs": "both_legs",
    "numb lefs": "both_legs",
    "high temo": "fever",
    "collapsed lunh": "breathless",
    "i colapsed when i got out of bed": "collapse",
    "the needle snaped off under my skin": "needle_left_in",
    "the moxa left a blistr": "treatment_burn",
    "the hot water botle burnt my back": "treatment_burn",
    "my back pian made me feel faint": "burst_aneurysm",
    # A sign said to be new, misspelt, in a sentence that names a stroke of the past.
    "since my stroke I've been fine but his face has sudenly dropped": "stroke",
    "after my stroke my face drooped, and this mornign it dropped agian": "stroke",
}

EVERYDAY = [
    "I fell asleep during the session",
    "Does acupuncture help balance?",
    "I was extremely worried about the pain",
    "The needles were very painful",
    "I fell ill with flu",
    "Can acupuncture help my headaches?",
    "I get a slight headache after each session",
    "My migraines are terrible and come on suddenly",
    "I had a massive headache lasting a week after the treatment",
    "My terrible headaches suddenly stopped after acupuncture",
    "I suddenly feel much better, my awful headache is gone",
    "I am confused about whether acupuncture helps a severe headache",
    "I have had terrible headaches for years and feel dizzy",
    "Is acupuncture good for severe headaches and blurred vision from screens?",
    "I had a blood test and a urine test at the GP",
    "My GP took a blood sample after my urine sample",
    "Is it normal to pee more often after acupuncture?",
    "The needle left a spot of blood; is it all right to go for a wee?",
    "My urine was dark because I hadn't drunk enough",
    "Does acupuncture lower blood pressure?",
    "My leg feels weak after a long walk",
    "I get numb fingers when typing",
    "I fell asleep during my acupuncture session, is that normal?",
    "I keep falling asleep in the afternoon",
    "I have a slipped disc in my lower back",
    "Does hay fever make back pain worse?",
    "The pain is worse in the morning and eases during the day",
    "My back pain has been getting worse over the years",
    "It gets a bit worse after sitting for a long time",
    "My legs feel tired after gardening",
    "Both legs ache after a long day on my feet",
    "I felt a tingling in my left leg after the needles went in",
    "Numbness down the back of my right thigh to my foot",
    "I get pins and needles in my buttock when I sit on a hard chair",
    "I drink a lot of water so I pee quite often",
    "Is acupuncture safe during pregnancy? I fell pregnant in the spring",
    "I booked by accident two sessions on one day",
    "The bottom of my foot tingles",
    "My appointment fell on the same day as my scan",
    "I turned quickly and my back twinged",
    "The room temperature in the clinic was a bit cold",
    "Can acupuncture help sciatica in my left leg?",
    "Can acupuncture make me dizzy and unsteady after treatment?",
    "I lifted a chest of drawers and hurt my lower back",
    "Is it safe to have sex after acupuncture?",
    "I want to lose weight with acupuncture",
    "I lost weight on a diet and my back feels better",
    "I have a bulging disc in my lower back",
    "I have swelling in my ankle",
    "I sleep well after acupuncture",
    "I have a cough and a cold, can I still have acupuncture?",
    "My lower back is stiff in the morning",
    "Pain in my shoulder after gardening",
    "I had a sports injury years ago",
    "I have hard stools since starting codeine",
    "I weed the flower beds at the weekend",
    "I have difficulty sitting, and I pee more at night since the pregnancy",
    "I get tingling down below the knee",
    "Can acupuncture cause cancer?",
    "Can acupuncture help with nausea during chemo?",
    "I had a steroid injection in my lower back last month",
    "I have had two epidural steroid injections for sciatica",
    "My spine doctor offered steroids injected into the joint",
    "Does acupuncture help osteoporosis?",
    "I dropped a tin on my foot",
    "I have been dragging my feet about booking a session",
    "I dragged my feet over seeing the GP",
    "I lift my foot onto a stool when I sit",
    "Is there research on acupuncture and cancer risk?",
    "The pain goes down below my knee",
    "My back feels worse when I sit for a long time",
    "I practise breathing exercises for my back",
    "The practitioner told me to take a deep breath as the needle went in",
    "I held my breath during the session",
    "I have a blocked nose and it's hard to breathe through my nose",
    "I cant breath through my nose when I lie face down on the couch",
    "There is a red sore spot where a needle went in",
    "I get out of breath climbing the stairs because I'm unfit",
    "Acupuncture helped my breathing when I had asthma",
    "Can acupuncture needles cause an infection?",
    "There were small red marks where the needles went in, is that normal?",
    "I have a bruise where the needle went in",
    "Acupuncture for inflammation",
    "The skin went a bit red around the needles and faded after an hour",
    "I fainted during acupuncture",
    # "Number" is not "numb" ("numbr" is "number" mistyped), nor a growing number a numbness
    # that grows.
    "What number of sessions for my bottom is usual?",
    "Is there a limit to the number of needles in my groin?",
    "the numbr of sessions for my bottom",
    "The points on both legs are numbered on the chart",
    "Numbers of sessions for both legs?",
    "I pee a number of times each night",
    "I have had a number of sessions since the acupuncture course began",
    "a growing number of people try acupuncture for sciatica",
    # Look-alikes of feeling faint, sweaty or collapsing, with severe pain: a faint ache, a
    # sweater, a collapsed disc or arches, a collapsible stick, a paleo diet.
    "The severe pain has faded to a faint ache",
    "I haven't the faintest idea why the pain is so severe",
    "The pain was excruciating when I pulled my sweater over my head",
    "I have severe back pain from a collapsed disc",
    "I have collapsed arches and severe pain in my lower back",
    "The pain is severe, so I bought a collapsible walking stick",
    "I have severe back pain since I started a paleo diet",
    # An agonist is a drug, not agony (GLP-1 agonists often make people dizzy); the back's pain
    # with dizziness is the burst aneurysm's sign however bad (see SHOWS).
    "I'm on a GLP-1 agonist for the pain and it makes me dizzy",
    # Painless and paint are not pain; tablets not easy to swallow are not tablets that do not
    # ease the pain.
    "The needling was painless on both sides",
    "I started coughing from the paint fumes",
    "I have severe back pain and the tablets are not easy to swallow",
    # "Needless to say" is no needle, nor "a trip on foot" tripping over one's feet.
    "Needless to say, weeks later I still have shooting pains down my leg",
    "Needless to say I get out of breath on the stairs",
    "We went on a long trip on foot",
    "I felt a bit faint when the needles went in and I have had back pain for years",
    "I have had severe back pain for years. I fainted once during a session",
    "I felt dizzy during the session and the severe stiffness eased afterwards",
    "My back pain started suddenly when I bent down",
    "The pain came on suddenly and was severe, it eased after a week",
    "My back pain came on suddenly and was really bad, and I felt fine otherwise",
    "I was getting weaker at the gym",
    "My grip is getting weaker with age",
    "My bladder is full by the morning",
    "I need to pee more often but it comes out fine",
    "My toes feel cold at night",
    "The pain is spreading down my leg",
    "My back pain is getting worse",
    "The jelly in the fridge",
    "I'm a gentle person",
    # Typos are put right only towards the rules' words, and never in a word of English.
    "I paint my fence and my back hurts",
    "I painted the bathroom and my back hurts",
    "I fell asleep on the sofa",
    "I have fewer back pains since the acupuncture",
    "I play chess and my back aches",
    "My sweetheart says my back pain is severe",
    "The seat in my car makes my back pain severe",
    "I eat sweets at night",
    "I bowl on Tuesdays and my lower back aches",
    "The pail of water was heavy",
    "The paim has gone",
    # Words of four letters a letter away from the rules' words.
    "I paid for a session",
    "my pair of shoes",
    "I paid for a pair of insoles and my back still hurts",
    "The pall of smoke made my chest feel odd",
    # A temperature that is not a fever, and shivers of fear.
    "The temperature of the needles felt cold",
    "We have a temp covering reception and my back hurts",
    "Does the temperature affect my back pain?",
    "Does cold weather and low temperature make back pain worse?",
    "Is heat or ice better for back pain, and what temperature should the pack be?",
    "Acupuncture and temperature: do the needles get warm?",
    "I have lost pain and temperature sensation in my foot",
    "Should I use hot and cold packs on my back?",
    "alternating hot and cold therapy for sciatica",
    "The needles give me the shivers",
    "It sent shivers down my spine when the needle went in",
    # Sweat of effort, the sayings and clothes.
    "I sweat a lot at the gym and my back pain is worse after",
    "no sweat, my back is better",
    "I broke a sweat walking and my back ached",
    "I wear sweats to my sessions for my back",
    # The fever sign plainly denied (only that: see SHOWS).
    "no night sweats",
    "no fever",
    "without any night sweats",
    "I don't have a temperature",
    "I dont have a temprature",
    "I haven't got a temperature",
    "I'm not running a temperature",
    "im not feverish",
    "no fever or chills",
    "no fever, chills or night sweats",
    "no fevers, sweats, or chills",
    "no fever, chills nor night sweats",
    "back pain, no fever, chills or sweats",
    "no fever, chills or sweating at night",
    "no sweating at night",
    "i am not sweating at night",
    "back pain no sweating",
    "sciatica not sweating",
    "back pain, no fever, no night sweats",
    "back pain but no sweats",
    "sweaty back",
    "My back gets sweaty on the leather sofa",
    # The saddle area a whole word; a bottom that aches is not numb.
    "I have tingling and little bumps on my arm",
    "My backside aches after cycling",
    "My butt hurts after sitting on the hard chair",
    # Bladder: the saying, and control kept.
    "I nearly wet myself laughing at the practitioner's jokes",
    "I pee a lot at night",
    "I always get to the loo in time",
    # Balance and walking.
    "Can acupuncture fix a hormone imbalance?",
    "I have a muscle imbalance in my hips",
    "Is my back pain from an imbalance of energy?",
    "My practitioner says it is a liver imbalance",
    "a chi imbalance",
    "Could a kidney imbalance cause back pain?",
    "I walk to work every day",
    "It's hard to walk away from a good practitioner",
    "I feel I could fall asleep during sessions",
    "My hips are out of balance",
    "Is there a wobbly tooth",
    # Legs weak or like jelly, as the sayings have it.
    "My legs were weak from laughing",
    "My legs went to jelly when I saw the bill",
    "my legs went weak at the knees when he smiled",
    # A leg, not the genitals, numb during sex.
    "My leg goes numb when I have sex",
    "My leg goes dead when I have sex",
    # Nothing felt of a needle going in or of a session, an opinion, nothing out of the
    # ordinary: not lost feeling (see FELT_NOTHING and NOTHING_FELT_OF_A_NEEDLE).
    "I felt nothing when the needle went in my bottom",
    "felt nothing during the session",
    "I feel nothing has changed",
    "I felt nothing at all after three sessions",
    "I felt nothing at all after three sessions for my bum",
    "I didn't feel a thing during the session on my buttocks",
    "I did not feel anything when she put the needles in my groin",
    "the needle went into my bum and I felt nothing",
    "The needles in my buttocks didn't hurt, I felt nothing",
    "The practitioner needled my buttocks and I didn't feel a thing",
    "I had acupuncture on my buttocks and felt nothing",
    "I feel nothing will help my sore bum",
    "I felt nothing unusual in my bottom",
    "I feel nothing but relief in my bum since the acupuncture",
    "a little feeling of pressure in my bottom",
    # "Dead" that is not numb (see GONE_DEAD), and feet numb from sitting on the toilet.
    "my bum is dead sore",
    "My phone went dead so I couldn't ask about my bottom",
    "My leg went dead after sitting on my bum all day",
    "I'm dead on my feet and my bum aches",
    "Is dead butt syndrome real?",
    "My foot goes numb when I sit on the toilet too long",
    "I get pins and needles in my feet when I sit on the toilet",
    # Not feeling "it" working, a pain not felt ("don't feel it", where "can't feel it" is the
    # sign), a feeling of relief, and pins and needles on the toilet: no lost feeling said.
    "I can't feel it working yet",
    "my hip aches when I walk but I don't feel it when I go to the loo",
    "no feeling of relief when I go to the loo",
    "I don't feel any pain when I go to the toilet now",
    "I get pins and needles when I go to the loo",
    "I don't feel the toilet paper is soft enough",
    # Nerve symptoms eased since the needles, and feeling weak all over after a session.
    "ever since the acupuncture my shooting pains have eased",
    "since the needles my tingling is much better",
    "Since acupuncture I have no numbness",
    "since the acupuncture the pins and needles have stopped",
    "since the acupuncture my sciatica shooting pains are 80% better",
    "since the acupuncture I feel weak and tired",
    "since acupuncture I have felt a bit weak",
    # Pain not felt since the needles is pain gone, not a part gone numb; a foot not felt as the
    # needle went in is its tingle, not since.
    "since the acupuncture I can't feel my back pain at all",
    "since the acupuncture I can't feel my back hurting any more",
    "since acupuncture I can't feel the pain in my leg",
    "since the acupuncture I have no feeling of pain in my hip",
    "I couldn't feel my foot when the needle went in",
    # The tingle or numbness as a needle went in, gone again; a symptom that the treatment did not
    # mend, or that it eased.
    "I felt a tingle when the needle went in",
    "my leg went numb during acupuncture but it wore off",
    "my leg went numb during acupuncture and I still went to work",
    "after six sessions of acupuncture I still have pins and needles in my foot",
    "I have had numbness in my foot for years and after acupuncture it is still numb",
    "after acupuncture my foot has been much less numb",
    "I can't feel my sciatica since the acupuncture",
    # A walk's length or an errand: a limit, not legs that fail.
    "I can't walk the dog because of my back",
    "I can't walk far because of my back",
    "I can't walk for long",
    "I can't walk to work any more",
    # A doctor's steroid injection; a lump elsewhere than the back.
    "my doctor injected steroids into my back",
    "I had a lump removed from my breast and now my back hurts",
    "I have a lump in my neck and my back is stiff",
    # Feeling faint after a session with the back named, the sea's waters, heartburn.
    "I felt faint in the session, is that normal?",
    "my back hurts and I felt dizzy after acupuncture",
    # Feeling faint of a session or a needle, with the back's pain in the sentence: common, and
    # most often harmless. Dizziness asked of in general, or whether a treatment helps it; faint
    # as slight, faint-hearted, a dizzying choice.
    "I felt faint when the needles went in my back",
    "my back pain is easing but I felt a bit light-headed after my session",
    "I have back pain and felt light-headed during my first session",
    "the needles in my back made me feel faint",
    "when the needles went in my back I felt dizzy",
    "does acupuncture help dizziness",
    "does acupuncture help vertigo",
    "does acupuncture help back pain and dizziness?",
    "acupuncture for dizziness and back pain",
    "can back pain cause dizziness?",
    "does sciatica make you dizzy?",
    "can a bad back make you feel faint?",
    "is dizziness a symptom of back pain?",
    "are dizziness and back pain linked?",
    "I have a faint ache in my lower back",
    "a faint pain in my back",
    "there's a faint dull ache in my lower back, I feel fine otherwise",
    "my back hurts and I heard a faint click",
    "faint dull ache in my lower back",
    "I get faint twinges in my lower back",
    "back pain is not for the faint-hearted",
    "a dizzying number of treatments for back pain",
    "the waters were rough on the ferry and my back hurts",
    "I have heartburn and back pain",
    # Sleep lost in a text that names no pain and no back: not pain at night.
    "my husband snores and I can't sleep",
    "I can't sleep since my mum died",
    "can't sleep",
    # Not noticing, or no urge, of anything but the toilet; sex that is dull, a curve everyone has.
    "I didn't realise I had an appointment",
    "I didn't notice I was late",
    "I have no urge to exercise",
    "sex was dead boring",
    "my back is curved like everyone's",
    # Lost feeling in one leg (sciatica's, everyday), a leg gone dead or to sleep, legs gone to
    # sleep from sitting, nothing felt of a needle or a session in the legs, an opinion: not the
    # both-legs sign (see BOTH_LEGS, GONE_DEAD, GONE_TO_SLEEP, LEGS_NOT_FELT and
    # NOTHING_FELT_OF_A_NEEDLE_IN_THE_LEGS).
    "I've lost the feeling in my left leg",
    "I can hardly feel my right leg",
    "I felt nothing in one leg",
    "My leg went dead from sitting cross-legged",
    "My leg has gone to sleep from sitting cross-legged",
    "my left leg keeps going to sleep",
    "my legs went to sleep sitting on the floor",
    "My legs often fall asleep when I sit cross legged",
    # One foot, and feet numb or tingling from sitting or kneeling on them, cold, shoes, flat feet
    # or neuropathy (see FEET_EVERYDAY), feet as a length, and on one's feet.
    "my foot is numb",
    "My left foot is numb and tingling",
    "my feet go numb when I sit cross-legged",
    "when I sit on the toilet my feet go numb",
    "my feet get pins and needles when I kneel in the garden",
    "my feet go numb in the cold",
    "my feet are always cold and numb",
    "my feet tingle in these tight shoes",
    "my flat feet feel weak",
    "I have fallen arches and my feet are weak",
    "I have diabetic neuropathy and my feet are numb",
    "my feet tingle from peripheral neuropathy, can acupuncture help?",
    # Feet that tingle with a needle or a session said: the needle-nerve sign's, when it lasts.
    "My feet tingle after needling: is it acupressure?",
    "After the session my feet felt warm and tingly",
    "I can only walk 50 feet before the numbness starts",
    "I was back on my feet and weak from the flu",
    "both my feet went to sleep while I sat on the floor",
    "I rubbed both legs then fell asleep",
    "I fell asleep with both legs on the sofa",
    "both my kids keep falling asleep in the car",
    "my left leg has gone dead",
    "I felt nothing in my legs during the session",
    "I felt nothing in my legs when the needles went in",
    "When the needles went into my legs I felt nothing",
    "She needled my legs and I felt nothing",
    "I felt nothing in my legs after three sessions",
    "I feel nothing has helped my legs",
    "I don't feel my legs are any stronger",
    "my legs are dead tired",
    "my legs are dead after the run",
    "my legs are dead from the gym",
    "both legs feel dead after leg day",
    # A bad headache, but not a sudden one, or one that suddenly stopped.
    "I get a bad headache after each session",
    "My bad headache suddenly stopped after acupuncture",
    # The risk of infection, or how it is kept away, not a site that looks infected.
    "Can needles get infected?",
    "Can an infected needle give me hepatitis?",
    "can acupuncture cause infection?",
    "is there a risk of infection from needles?",
    "how do clinics prevent infection",
    "does acupuncture cause infections?",
    "how common is infection after acupuncture?",
    "infection after acupuncture is rare",
    "can you get an infection from acupuncture?",
    "what are the chances of getting an infection from acupuncture needles",
    "acupuncture infection risk",
    "the practitioner uses single-use needles to avoid infection",
    "I think I caught a hepatitis infection from the needles",
    # An infection of another part than where a needle went in, or one acupuncture is asked
    # about for.
    "a chest infection after acupuncture",
    "I had an infection in my chest after acupuncture",
    "I have a chest infection, can I still have acupuncture?",
    "I'm on antibiotics for an infection can I have acupuncture",
    "acupuncture for infection",
    "Acupuncture points for infection",
    "My cut is red. Is it infected?",
    # Red alone where a needle went in, usual and fading (the sign is redness spreading), a
    # feeling of heat as a needle goes in, a swollen joint or a hot flush asked about.
    "where the needle went in is red",
    "I felt a hot sensation where the needles went in",
    "acupuncture for swollen ankles",
    "acupuncture points swollen ankles",
    "acupuncture points hot flushes",
    "I have a swollen knee, will acupuncture help?",
    "the hot needles felt nice",
    # Pain at night that is no worse, painkillers at night, an alarm.
    "The pain is better at night",
    "I take painkillers at night",
    "My alarm wakes me up at six",
    "I sleep well at night and the pain is fine",
    # CES is cranial electrotherapy stimulation too.
    "I bought a CES device for my anxiety",
    # The needles left in for the session, or still in during it, asking about a needle left in
    # or broken, a needle the muscle gripped as it went in, pins and needles: not a needle left in.
    "can a needle break?",
    "are needles ever left in?",
    "the needles were left in for 20 minutes",
    "pins and needles",
    "how long are the needles left in?",
    "how long are the needles left in for",
    "can i move while the needles are still in",
    "she left the needles in for half an hour while i rested",
    "she left one needle in longer than the others",
    "i lay with the needles still in for 20 minutes",
    "do needles ever get left in by mistake?",
    "what happens if a needle breaks",
    "can part of the needle break off?",
    "has a needle ever broken in someone?",
    "the needle got stuck in the muscle and she eased it out",
    "the needle goes just under the skin",
    "the pins and needles are still there",
    "i found a needle on the floor of the clinic",
    "i found the needles in my back quite painful",
    "as the needle broke the skin i felt a sting",
    # Cupping's marks and bruises, moxa's warmth, a question, a burn with no treatment of heat:
    # not a burn or blister from one.
    "cupping marks",
    "bruises from cupping",
    "purple circles after cupping",
    "the cupping marks lasted a week",
    "the cupping marks look like burns but they dont hurt",
    "red streaks after cupping",
    "cupping left my back red and sore",
    "the moxa felt lovely and warm",
    "moxa made my skin red and warm",
    "the heat lamp made my back red",
    "the moxa burns slowly",
    "the practitioner burned moxa on the needle",
    "can cupping cause blisters?",
    "does moxa leave burns?",
    "does moxa burn",
    "can moxa burn you",
    "i burnt my hand on a cup of tea and my back hurts",
    "i had a blister on my heel from new shoes, can i still have my session?",
    # Heat at home that warmed as it should, asked about, or a pain that burns.
    "is a heat pad safe?",
    "the heat pad felt warm",
    "the heat pad made my skin red for a while",
    "I use a hot water bottle for the pain",
    "can a hot water bottle cause blisters?",
    "can heat pads cause burns?",
    "the heat pad eases the burning pain in my leg",
    "the heat pad soothes the nerve pain burning my leg",
    "my sciatica is burning my leg and a heat pad helps",
    "the hot water bottle was scalding hot",
    "the wheat bag burst in the microwave",
    # Eyes that weep from moxa's smoke, an asker moved to tears, a lamp said to be hot.
    "my eyes were weeping from the moxa smoke",
    "i started weeping during the cupping",
    "the heat lamp was scalding hot",
    # A faint during a session or at the sight of needles, a near collapse, collapsing to rest or
    # with laughter, a disc, arches or a business that collapsed, leaflets passed out: not the
    # collapse sign.
    "I nearly fainted when I saw the needles",
    "I felt faint during the session",
    "I passed out during acupuncture",
    "i passed out during my first session",
    "i passed out when i saw the needles",
    "i almost passed out when the needle went in",
    "i fainted when i got up",
    "i nearly collapsed with relief when the pain eased",
    "I nearly passed out from the pain when the needle went in",
    "i almost passed out from the pain during my session",
    "i felt like i was going to pass out",
    "i felt like i was collapsing",
    "I collapsed on the sofa after work",
    "i collapsed into bed exhausted",
    "i collapsed on the couch after the session",
    "we collapsed with laughter",
    "the disc has worn and collapsed",
    "the disc between l4 and l5 has collapsed",
    "my arches have collapsed",
    "the business collapsed and the stress hurt my back",
    "i passed out leaflets at the clinic",
    "she passed out the needles to the students",
    "we had a blackout in the street last night",
    # Asking whether acupuncture helps trouble breathing, or trouble breathing of a breathing
    # condition: not the breathless sign.
    "acupuncture for breathing problems asthma",
    "does acupuncture help breathing problems",
    "is acupuncture good for breathing problems",
    "does acupuncture help with shortness of breath",
    "acupuncture for breathlessness",
    "can acupuncture help my shortness of breath from asthma",
    "my shortness of breath is from my asthma",
    "i have asthma and breathing problems, can acupuncture help my back",
    "acupuncture copd shortness of breath",
    "asthma breathing problems acupuncture",
    # Everyday questions, as askers type them.
    "how many sessions of acupuncture will i need for sciatica",
    "is acupuncture safe if im pregnant",
    "does acupuncture hurt",
    "i have had back pain for 3 years will acupuncture help",
    "is it normal to feel tired after acupuncture",
    "my back aches after gardening can acupuncture help",
    "can i have acupuncture while taking ibuprofen",
    "i dont like needles is there an alternative",
    "my sciatica is a bit better after 2 sessions, should i keep going",
    "is dry needling the same as acupuncture",
    "i have a slipped disc, can acupuncture help",
    "i paid for 6 sessions up front is that normal",
    "im a bit sore where the needles went in, is that normal",
    "my back is stiff in the morning but eases when i walk",
    "i had a small bruise where the needle went, it faded after a day",
    "i dont know if acupuncture is for me",
    "whats the evidence for acupuncture for back pain",
    "my husband fell asleep during his session",
    "i felt a bit emotional after the session",
    "the needle site was a bit red for an hour then it faded",
    # Look-alikes of the askers' words above.
    "i work as a temp and my back aches from sitting",
    "back pain and a temp job that keeps me on my feet",
    "my brown belt grading is next week",
    "i cant get hard evidence that acupuncture works",
    "it feels different after each session",
    "my legs are fine but my arms are tired",
    "I have no urge to go to the gym with this back",
    "I'm a nervous wreck about the needles",
    "my chest of drawers is heavy",
    # Real words that pyspellchecker lacks, a key away from the rules' words: a weal is not
    # "weak", jags (injections) are not "jabs".
    "There is a red weal on both legs where the cups were.",
    "The cups were left on for ten minutes and made red weals.",
    "My sister gets jags for her back at the pain clinic.",
    "My partner tows a caravan every summer.",
    # "It up", without sex named: exercise kept up, a hoover got up the stairs.
    "I started swimming for my back but I struggle to keep it up.",
    "I struggle to get it up the stairs, the hoover is heavy.",
    "I can't get it up the loft ladder with my bad back.",
    "I keep it up with stretches every morning.",
    # "Wee" meaning small.
    "We had a wee holiday in the Highlands and the long drive hurt my back.",
    "It was a wee bit sore after the needles.",
    # Wiping something, not oneself after the toilet.
    "My back feels different when wiping down the car.",
    "When I was wiping the windows my shoulder felt weird.",
    "I was wiping the table when my back went.",
    # Dates, not people, that fell.
    "My birthday fell at the weekend and I overdid it.",
    "My appointment fell when I was away.",
    "Christmas fell at a bad time for my back.",
    "Our anniversary fell on a Sunday this year.",
    "My mood fell when the pain came back.",
    "My daughter's wedding fell on the hottest day of the year.",
    "My birthday fell on the hottest day and I sat in the shade.",
    "It fell on me to do the cooking while my back was bad.",
    # Things, not people, that fell.
    "Leaves fell from the tree in the wind and my back ached from raking.",
    "Snow fell on the roof all night and my back ached from shovelling.",
    "Rain fell on the garden all week.",
    "The temperature fell over the weekend and my back stiffened.",
    "Prices fell off a cliff and I can afford more sessions now.",
    "The cost fell from fifty pounds to forty a session.",
    "The books on the shelf fell over when I bumped it.",
    "Night fell and the pain got worse.",
    "Silence fell when I told the doctor about the pain.",
    "Darkness fell over the garden while I was weeding.",
    "Sales fell off after the new clinic opened.",
    "Everything fell into place once my back settled.",
    "Pain fell from eight to three out of ten after six sessions.",
    "I dropped the vase and it fell off the table.",
    # A lone word before "fell" is a name only where what follows is how people fall.
    "Cholesterol fell from 7 to 5 and my back is no better.",
    "BP fell from 160 to 130 after the tablets.",
    "Because inflammation fell from 40 to 10, the doctor was pleased.",
    "Stiffness fell off after the third session.",
    "Energy fell at about 3pm every day.",
    "Glass fell off the table when I bumped it with my bad back.",
    "Water fell from the ceiling all night.",
    "Food fell on the floor when my back gave a twinge.",
    "Coffee fell on my laptop.",
    "Ice fell off the roof in the thaw.",
    "Money fell out of my pocket.",
    "Attendance fell off at my pilates class.",
    "Morale fell when the clinic closed.",
    "Blood fell onto the floor when the needle came out.",
    "Items fell off the shelf.",
    # Poor, not poo; straining to reach, not on the toilet.
    "My back is killing me as poor posture is a habit.",
    "I had a poor night's sleep on a hotel bed.",
    "My back hurts when I strain to reach the top shelf.",
    "Straining to reach the top shelf hurts my back.",
    # Everyday life, weather and cupping.
    "The cupping left round marks on my back for a week.",
    "The rain fell all day and my back ached in the damp.",
    "Temperatures fell below zero and my back always stiffens in the cold.",
    "I struggle to get up from a chair because of my back.",
    "I can't keep up with my grandchildren because of my back.",
    "My baby weed on me during a nappy change.",
    # A bladder or bowel word beside the back's that says no change in them.
    "a wee bit of back pain",
    "The points on my back along the bladder meridian were needled",
    "Kidney and bladder energy is weak in my back, I was told",
    "I had a urine test for my back pain",
    "I have IBS and lower back pain",
    "I play bowls and my back aches after",
    "I go to bowls on Tuesdays and my back aches",
    "The bench at the bowls club hurts my back",
    "I had two bowls of porridge and my back still hurts",
    # Constipation alone is not the bowel sign (the NHS's is not noticing or not controlling).
    "I'm constipated and my back hurts",
    "back pain constipation",
    "constipation from codeine and sciatica",
    "I can't poo without straining since the codeine",
    # Keyword rules' look-alikes: a cause said, a test, a habit, an idiom.
    "I lost weight and my back pain is better now.",
    "weight loss acupuncture",
    "blood and urine tests were normal",
    "chest points acupuncture",
    "I had a coughing fit and my back is fine",
    "My back pain started suddenly when I bent down and I feel fine",
    "heartburn and back pain",
    "back pain after falling asleep on the sofa",
    "I have back pain since the fall of 2019",
    "upper arm pain",
    "I bumped my back on the door",
    "goose bumps on my back",
    "blurred vision after the session",
    # Tearing or ripping, but not a pain's, or a torn muscle in a limb.
    "my eyes keep tearing up and the pain in my back is bad",
    "I was ripping up the carpet and felt pain in my back",
    "I felt a tearing pain in my calf while running",
    "tearing sensation in my hamstring",
    "the pain is tearing me apart",
    "I keep ripping the plasters off",
    # Headaches and a stiff neck of every day, and a usual headache at its worst.
    "I get tension headaches and a stiff neck from sitting at my desk",
    "I get headaches and a stiff neck",
    "I had a tension headache and stiff neck",
    "My worst headaches are on Mondays",
    "Acupuncture for headaches and neck stiffness",
    "I woke with a stiff neck and my back aches",
    # "Can't stand", the idiom or a limit.
    "I can't stand the pain",
    "can't stand for long",
    "can't stand still",
    "can't stand acupuncture",
    "I can't stand it anymore",
    "I can't stand the needles",
    "I cannot stand being in pain",
    "I can't stand sitting for long",
    "I can't stand, sit or lie comfortably",
    "I can't stand on one leg",
    "I can hardly stand the pain",
    "I can barely stand it",
    # Standing up straight is the back's posture, not the legs (see SHOWS), nor is a limit.
    "I can't stand up straight",
    "I can barely stand up straight because of my back",
    "unable to stand up straight",
    "I can't stand up for long",
    # What leaks but urine.
    "my disc is leaking and my back hurts",
    "the needle site on my back is leaking",
    "My roof is leaking and my back hurts from the buckets",
    "leaky gut and back pain",
    # Nerve symptoms as a needle goes in, or better since.
    "I have less numbness since the acupuncture",
    "the tingling has gone since the needles",
    "I've had less pain and tingling since the needles",
    "The numbness in my foot has improved since acupuncture",
    "I've had pins and needles since Monday",
    "I felt an electric shock when the needle went in",
    # Painkillers that do not help, with pain not said to be severe.
    "painkillers don't help so I'm trying acupuncture",
    "painkillers don't help my back pain much, will acupuncture help?",
    "I don't take painkillers because the pain is not severe",
    "The pain is severe but ibuprofen helps",
    "Tramadol makes me drowsy",
    # The immune system boosted, a test, a hair transplant and an epidural are not a weakened
    # immune system or injecting drugs.
    "Does acupuncture help the immune system and back pain?",
    "I had an HIV test and my back hurts",
    "I had a hair transplant and my back aches",
    "The epidural injected drugs into my spine",
    "Does acupuncture help with HIV?",
    # Back pain in pregnancy, everyday; a needle site that bled and a muscle's contraction are
    # not the womb's.
    "Is acupuncture safe in pregnancy?",
    "I am pregnant and have back pain, can acupuncture help?",
    "pregnancy back pain",
    "I am pregnant and the needle site bled a little",
    "I am pregnant; acupuncture caused muscle contractions",
    # Movements asked about, or felt; first movements not felt yet before 24 weeks, when the NHS
    # says they may not be.
    "is the baby moving as much as it should at 20 weeks?",
    "I am pregnant and the baby moves a lot at night, is that normal?",
    "I'm 18 weeks and haven't felt the baby move yet",
    "I am 3 weeks into the treatment and the pain is less severe than it was",
    "I'm 6 weeks post surgery and the bleeding has stopped",
    # In the past, or "not able" (read as "cannot"), with nothing a sign needs; sleep lost after
    # a session, with no pain named, and "wiped" for tired.
    "I couldn't sleep well after the session",
    "I couldn't make my appointment",
    "I couldn't find a parking space at the clinic",
    "I wasn't able to come last week",
    "I couldn't hold the water bottle",
    "After the session I felt strange and wiped.",
    "I wiped down the kitchen and it felt odd",
    # A stroke of the past and what it left, a Bell's palsy's drooping face, eyelids, sagging
    # skin, a face that fell, a frozen shoulder's arm, an arm numb from the night, pain down one
    # side of the back, slurring in drink, and the other strokes.
    "I had a stroke two years ago and my back hurts",
    "can acupuncture help after a stroke?",
    "weakness on the left side of my body since my stroke",
    "after his stroke he has had weakness down one side of his body",
    "I had a stroke two years ago and my face still droops",
    # Recovery, a treatment or the back's pain begun, or a new thing said in another sentence,
    # are not a sign said to be new.
    "after my stroke I had to learn to walk again and I still have weakness down the left side "
    "of my body",
    "after his stroke his speech was slurred but he is talking again",
    "I had a stroke two years ago, my face droops, and my back pain started last month",
    "since my stroke I started acupuncture for the weakness down the left side of my body",
    "since my stroke I have weakness on the left side of my body and my back pain is worse",
    "I had a stroke two years ago and my face droops. I started acupuncture today.",
    "I'm a stroke survivor with weakness down the left side of my body",
    "stroke rehabilitation with acupuncture",
    "the practitioner used long strokes on my back",
    "I have Bell's palsy and my face is drooping, can acupuncture help?",
    "my face has been drooping for a year from Bell's palsy",
    "my Bell's palsy came on suddenly two weeks ago and my face still droops",
    "three months ago my face suddenly drooped with Bell's palsy",
    "my face drooped suddenly from Bell's palsy over the last few weeks",
    "since 2023 my mouth has drooped from facial palsy that came on suddenly",
    "I was diagnosed with Bell's palsy and my face droops on one side",
    "Will acupuncture help the droop from my Bell's palsy?",
    "my face has drooped for three weeks, is it Bell's palsy?",
    "my eyelids droop as I get older",
    "cosmetic acupuncture for a sagging face",
    "my face fell when I saw the price",
    "I can't lift my arm above my head since my frozen shoulder",
    "my arm went numb in the night",
    "pain down the left side of my back",
    "after a few pints my speech was slurred",
    "I had heat stroke on holiday",
    "my speech therapist said my words are clearer",
    # Pain said to kill, taking a life back, not wanting to live with pain or somewhere, not
    # wanting to go on with something, hurting oneself by accident.
    "the pain is killing me",
    "my back is killing me",
    "I could kill for a good night's sleep",
    "I want to take my life back from this pain",
    "I don't want to live with this pain",
    "I don't want to live in pain",
    "I don't want to go on the waiting list",
    "I don't want to carry on taking painkillers",
    "I don't want to go on holiday with this back",
    "I hurt myself lifting a box",
    "acupuncture to end my back pain",
    # An allergy with no reaction said, a lip or throat swollen with a cold sore or tonsils, a
    # mouth or muscles that feel tight, swelling elsewhere.
    "I think I'm having an allergic reaction to the needles",
    "I'm allergic to nickel, can I have acupuncture?",
    "I am allergic to the tape and it itches",
    "my eyes swelled up from hay fever",
    "swollen lip from a cold sore",
    "my throat is swollen with tonsillitis",
    "I have a cold and my throat feels tight",
    "my lips were blue from the cold after swimming",
    "my mouth is tight and dry",
    "my tight hamstrings",
]

# Look-alikes of one sign in phrases that rightly show another: each with the sign it must not
# show.
NOT_THIS_SIGN = {
    # An accident on the loo is the bladder's, not a fall's.
    "loo accidents sciatica": "fall_or_accident",
    # "Wee" meaning small: an accident on a bike, not a bladder's.
    "My wee boy had an accident on his bike and hurt his back.": "bladder_bowel",
    # Legs weak, but numbness better since the acupuncture.
    "I have less numbness since the acupuncture but both legs are weak": "needle_nerve",
    # A bump on the back, not a pregnant bump.
    "My bump on my spine is bleeding and the pain is severe": "pregnancy",
    # Numb legs, but "wiped" for tired, not wiping after the toilet.
    "My legs were numb and I was totally wiped": "saddle_numbness",
    # A lung that collapsed, or a collapsed disc with severe pain: not a person's collapse.
    "my lung collapsed after acupuncture": "collapse",
    "I have severe back pain from a collapsed disc": "collapse",
    "I have a collapsed lnug": "collapse",
    # Legs that collapsed are the both-legs sign's, not a person's collapse.
    "my legs collapsed under me": "collapse",
    # Dizziness asked of a session, not the back's pain with feeling dizzy (the imbalance is the
    # both-legs sign's).
    "Can acupuncture for lower back pain cause imbalance and dizziness": "burst_aneurysm",
    # Pins and needles are not a needle: no needle went in (in both feet, the both-legs sign's).
    "I've had pins and needles in my feet for weeks and still have them": "needle_nerve",
    # What a needle left, not a needle left in.
    "the pain from the needle is still in my leg": "needle_left_in",
    "the tingling from the needle is still in my foot": "needle_left_in",
    # A numb bottom, but nothing felt in the legs of a session.
    "I felt nothing in my legs during the session but my bum is numb": "both_legs",
    # A kidney infection (the fever sign's), not the skin where a needle went in.
    "since the acupuncture I have a kidney infection": "needle_site_infection",
}


@pytest.mark.parametrize(
    ("sign", "text"), [(sign, text) for sign, texts in SHOWS.items() for text in texts]
)
def test_each_sign_is_found_in_the_words_askers_use(sign, text):
    assert sign in red_flags.found_in(text)


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_phrasing_raises_no_false_alarm(text):
    assert red_flags.found_in(text) == []


@pytest.mark.parametrize(("text", "sign"), NOT_THIS_SIGN.items())
def test_look_alikes_of_a_sign_do_not_show_it(text, sign):
    assert sign not in red_flags.found_in(text)


@pytest.mark.parametrize(("item", "sign"), NHS_ITEMS.items())
def test_every_item_on_the_nhs_urgent_lists_is_caught(item, sign):
    assert sign in red_flags.found_in(item)


@pytest.mark.parametrize(("item", "sign"), CAUDA_EQUINA_CARD.items())
def test_every_item_on_the_cauda_equina_warning_card_is_caught(item, sign):
    assert sign in red_flags.found_in(item)


@pytest.mark.parametrize(
    ("item", "sign", "text"),
    [(item, sign, text) for item, (sign, texts) in IN_ASKERS_WORDS.items() for text in texts],
)
def test_each_item_is_caught_as_askers_type_it(item, sign, text):
    assert sign in red_flags.found_in(text), item


def as_typed(text):
    """The signs `text` shows as typed, without its typos put right."""
    normalised = red_flags.normalise(text)
    return [flag.name for flag in red_flags.RED_FLAGS if flag.matches(normalised)]


@pytest.mark.parametrize(("text", "sign"), TYPOS.items())
def test_a_typo_in_the_word_a_sign_hinges_on_does_not_hide_it(text, sign):
    assert sign not in as_typed(text)
    assert sign in red_flags.found_in(text)


def test_typos_are_put_right_towards_the_rules_words():
    assert red_flags.corrected("i have a chest pian") == "i have a chest pain"
    assert red_flags.corrected("cannot controll my bladder") == "cannot control my bladder"
    # A stem misspelt keeps the rest of the word as typed.
    assert red_flags.corrected("incontinance") == "incontinence"
    assert red_flags.corrected("tinlging") == "tingling"


@pytest.mark.parametrize(
    "word",
    [
        # Words of English, however close to one of the rules'.
        "fewer",
        "chess",
        "sweetheart",
        "sweets",
        "paint",
        "seat",
        # Words of fewer than four letters.
        "bak",
        "pai",
        # A letter changed in a word of four letters that English knows, however seldom used
        # ("pein"), or not to a neighbouring key ("x" is nowhere near "n").
        "paid",
        "pail",
        "pair",
        "pall",
        "pein",
        "paix",
        # Real words that pyspellchecker lacks (see UNLISTED_SHORT_WORDS).
        "weal",
        "leys",
        "poss",
        "pisa",
        "peds",
        "jags",
        "tows",
        # The first letter changed.
        "lever",
        "xhest",
    ],
)
def test_words_that_are_not_typos_of_the_rules_words_are_left_alone(word):
    assert red_flags.corrected(word) == word


def test_four_letter_words_are_put_right_when_a_letter_is_left_out_or_two_swapped():
    assert red_flags.corrected("pian fevr urin") == "pain fever urine"


def test_four_letter_words_are_put_right_when_a_finger_slipped_onto_the_next_key():
    assert red_flags.corrected("chest paim") == "chest pain"
    # "s" is not next to "t": "lefs" is "legs", not "left".
    assert red_flags.corrected("numb lefs") == "numb legs"
    # "Lymp" is no word: "lump" mistyped.
    assert red_flags.corrected("lymp") == "lump"


def test_keyboard_neighbours_follow_the_staggered_rows():
    assert red_flags.KEYBOARD_NEIGHBOURS["g"] == set("ftyhvb")
    assert red_flags.KEYBOARD_NEIGHBOURS["a"] == set("qwsz")
    assert red_flags.KEYBOARD_NEIGHBOURS["m"] == set("njk")


def test_the_rules_vocabulary_is_read_from_their_patterns():
    # Each word a pattern can match, and a stem's letters (which may stand alone) as a stem too.
    patterns = [r"\bha?ematuria\b|fever(s|ish)?\b", r"\bdis[ck]s? (is |are )?bulg\w*", r"tingl\w*"]
    words, stems = red_flags._vocabulary(patterns)
    assert words == {
        *("haematuria", "hematuria", "fever", "fevers", "feverish"),
        *("disc", "disk", "discs", "disks", "bulg", "tingl"),
    }
    # Words of fewer than four letters ("is", "are") are no part of it.
    assert stems == {"bulg", "tingl"}
    for word in ["fever", "bladder", "bowels", "urine", "temperature", "headache", "breath"]:
        assert word in red_flags.VOCABULARY
    assert "incontinen" in red_flags.STEMS


def test_a_correction_never_hides_a_sign_the_typed_words_show():
    texts = [*(t for texts in SHOWS.values() for t in texts), *NHS_ITEMS, *CAUDA_EQUINA_CARD]
    for text in texts:
        assert set(as_typed(text)) <= set(red_flags.found_in(text)), text


def seed_texts():
    """Every question, answer and factsheet text of the seed archive."""
    for record in json.loads(SEED.read_text()):
        fields = record["fields"]
        if record["model"] == "archive.question":
            yield from (fields[name] for name in ("title", "question", "answer"))
        elif record["model"] == "factsheets.factsheet":
            yield from (value for value in fields.values() if isinstance(value, str))


def test_the_seed_archive_gains_no_sign_by_the_correction_of_typos():
    texts = [text for text in seed_texts() if text]
    assert len(texts) > 30
    for text in texts:
        assert red_flags.found_in(text) == as_typed(text), text[:80]


def test_blood_in_the_pee_says_why_it_needs_checking_before_any_reassurance():
    advice = red_flags.BY_NAME["blood_in_urine"].advice
    assert advice.index("needs checking by a GP") < advice.index("kidney stone")
    assert advice.index("kidney stone") < advice.index("not serious")


def test_every_sign_has_phrases_that_show_it():
    assert set(SHOWS) == {flag.name for flag in red_flags.RED_FLAGS}


def test_an_accident_in_ones_pants_is_the_bladders_not_a_falls():
    assert red_flags.found_in("i had an accident in my pants") == ["bladder_bowel"]


def test_contractions_typed_without_an_apostrophe_read_as_with_one():
    assert red_flags.normalise("i dont know, it doesnt ease and im scared") == (
        "i don't know, it doesn't ease and i'm scared"
    )


def test_not_being_able_now_or_in_the_past_reads_as_cannot():
    text = "I can't, couldn't, couldnt, could not, wasn't able to or weren't able to"
    assert red_flags.normalise(text) == "i cannot, cannot, cannot, cannot, cannot or cannot"


def test_a_denied_sign_still_shows_its_advice_because_a_false_alarm_is_the_safer_mistake():
    # But for the fever sign's plain denials (see EVERYDAY).
    assert red_flags.found_in("I have no numbness in my groin") == ["saddle_numbness"]
    assert red_flags.found_in("no chest pain") == ["chest_pain"]
    assert red_flags.found_in("I don't have a fever") == []


def test_several_signs_in_one_question_are_all_found_in_a_fixed_order():
    text = "Since my fall I have a fever and I can't control my bladder"
    assert red_flags.found_in(text) == ["bladder_bowel", "fever", "fall_or_accident"]


def test_every_sign_gives_advice_naming_who_to_call():
    for flag in red_flags.RED_FLAGS:
        assert "999" in flag.advice or "111" in flag.advice, flag.name


def test_flags_named_skips_names_that_are_no_longer_rules():
    assert [f.name for f in red_flags.flags_named(["fever", "retired_rule"])] == ["fever"]


@pytest.mark.parametrize("flag", red_flags.RED_FLAGS, ids=lambda flag: flag.name)
def test_a_signs_patterns_read_as_one_find_what_each_finds_alone(flag):
    # A sign's patterns are joined into one expression: a pattern that referred back to a group
    # by number, or set a flag for the whole of it, would match differently there.
    phrases = [
        *(t for texts in SHOWS.values() for t in texts),
        *EVERYDAY,
        *NOT_THIS_SIGN,
        *NHS_ITEMS,
    ]
    phrases += [*CAUDA_EQUINA_CARD, *(t for _, texts in IN_ASKERS_WORDS.values() for t in texts)]
    typos = [red_flags.corrected(red_flags.normalise(text)) for text in TYPOS]
    for text in [*map(red_flags.normalise, phrases), *typos]:
        for ignore in flag.ignore:
            text = re.sub(ignore, " ", text)
        alone = any(re.search(pattern, text) for pattern in flag.patterns)
        assert flag.matches(text) == alone, text


def test_no_group_of_a_sign_captures():
    # Each "(" of a group is "(?:", but for escaped parentheses, those in a character class
    # (with "^", a "]" first, escapes inside) and groups that start with "(?" (lookarounds,
    # groups that do not capture, flags), which are left as they are.
    pattern = r"(a|b) \(c\) \\(d) [(][^)(][](][\](] (?=(e))(?!f)(?<=g)(?<!(h|i) )(?:j)(?s:(k))"
    assert red_flags.non_capturing(pattern) == (
        r"(?:a|b) \(c\) \\(?:d) [(][^)(][](][\](] (?=(?:e))(?!f)(?<=g)(?<!(?:h|i) )(?:j)(?s:(?:k))"
    )
    assert red_flags.non_capturing(r"((\w+ ){0,2}?x)") == r"(?:(?:\w+ ){0,2}?x)"
    # A named group would still capture, and a reference back to a group has none to refer to.
    for pattern in [r"(?P<word>\w+)", r"(a)\1", r"(a)(?(1)b|c)"]:
        with pytest.raises(ValueError):
            red_flags.non_capturing(pattern)
    for flag in red_flags.RED_FLAGS:
        either, ignore = flag._compiled
        assert either.groups == 0 and not any(pattern.groups for pattern in ignore), flag.name


def test_patterns_read_as_one_match_wherever_one_of_them_does():
    # Those that start at a word's start are read as one group, before the others.
    either = red_flags.read_as_one([r"\bfever\b", r"^(?=\w+$)sweat", r"\bchills"])
    texts = ["a fever", "sweating", "night sweating", "chills", "xchills", "feverish"]
    assert [bool(either.search(text)) for text in texts] == [True, True, False, True, False, False]
    assert not red_flags.read_as_one([r"^(?=\w+$)sweat"]).search("no")


@pytest.mark.parametrize("text", [texts[0] for texts in SHOWS.values()])
def test_joiners_and_direction_marks_inside_words_hide_no_sign(text):
    # Typed in emoji and right-to-left text, they may land inside a word: "che\u200dst".
    hidden = re.sub(r"\b(\w\w)(\w\w)", "\\1\u200d\\2", text).replace(" ", " \u200f")
    assert hidden != text
    assert red_flags.found_in(hidden) == red_flags.found_in(text)


# Questions of 5,000 characters (the ask form's longest) built to make a careless pattern read the
# text again from each of its many words: "back " before any word of cancer once read the rest of
# the text for each "back".
LONG_TEXTS = [
    "back " * 1000,
    "a " * 2500,
    ("sweats back pain " * 300)[:5000],
    ("cannot poo when i " * 300)[:5000],
    ("legs went weak from " * 300)[:5000],
    # A denial's list of the fever sign's words read once, not again from each of its commas.
    ("no night sweats, " * 300)[:5000],
    # Nothing felt of a needle in the legs, and legs gone dead, read once, not again from each
    # of their words.
    ("the needle in my legs did not hurt and " * 200)[:5000],
    ("my legs have gone " * 300)[:5000],
    # The back's pain with feeling dizzy, and what would make it a session's or a question, read
    # once from the sentence's start, not again from each of its words, to a needle at its end.
    ("my back hurts and i feel dizzy when the can it make " * 100)[:4990] + " needle",
    " ".join(sorted(red_flags.VOCABULARY) * 3)[:5000],
    # "My feet" read once from the sentence's start, not again from each of its words.
    ("my feet are weak and " * 300)[:5000],
    ("tingling in my feet and " * 300)[:4990] + " cold",
]


@pytest.mark.parametrize("flag", red_flags.RED_FLAGS, ids=lambda flag: flag.name)
def test_a_long_question_is_read_well_within_a_tenth_of_a_second_per_sign(flag):
    for text in LONG_TEXTS:
        typed = red_flags.normalise(text)
        for reading in (typed, red_flags.corrected(typed)):
            # The best of three, so that a busy machine does not fail it.
            seconds = min(timeit.timeit(lambda r=reading: flag.matches(r), number=1) for _ in "abc")
            assert seconds < 0.1, (text[:30], seconds)

"""The demo's few months of community life, written for Lantern (ops/seed.py plays it).

Times are days before the moment of seeding, so the demo always looks current. Every
person here is invented; the words are written for this demo, not taken from anywhere.
"""

# handle, role, days since joining
MEMBERS = [("keeper", "admin", 420), ("willow", "moderator", 390), ("harbor", "member", 330),
           ("juniper", "member", 135), ("fern", "member", 1)]

PROFILES = {
    "harbor": {
        "bio": "Off clonazepam for two years now, after a twenty-month taper that I made "
               "slower every time my body asked. The middle of it was the loneliest time of "
               "my life, and letters from people who understood kept me going. I'm mostly "
               "healed, with the odd wave, and glad to write back.",
        "medication_classes": ["benzodiazepines"], "stage": "mostly-healed",
        "years_ago": 4, "open_to_new": True, "max_open": 3, "letter_notifications": "immediately",
        "availability_note": "I answer letters on weekend mornings, slowly but always."},
    "willow": {
        "bio": "Three years off venlafaxine and still in the long middle of protracted "
               "withdrawal, though the windows are longer now. I garden when I can, read "
               "when I can't, and moderate here because this place was kind to me.",
        "medication_classes": ["snris"], "stage": "protracted", "years_ago": 5,
        "open_to_new": True, "max_open": 2, "letter_notifications": "immediately",
        "availability_note": "About a letter a week. Happy to write with anyone in the "
                             "slow part of it."},
    "juniper": {
        "bio": "Tapering sertraline about ten percent at a time, holding when I need to.",
        "medication_classes": ["ssris"], "stage": "tapering", "years_ago": 0,
        "open_to_new": False, "max_open": 3, "letter_notifications": "immediately",
        "availability_note": ""},
}

# Juniper's journal: sertraline from 100 mg, cuts of about a tenth, one long hold.
JOURNAL = {
    "member": "juniper", "medication": "sertraline", "drug_class": "ssris", "unit": "mg",
    "started_days_ago": 140,
    "symptoms": ["Anxiety", "Insomnia", "Brain zaps", "Brain fog"],
    # days ago, dose, note; a cut's strength says how hard its wave was
    "doses": [(140, "100", "Where I start the journal."),
              (112, "90", "First cut, about ten percent."),
              (84, "81", ""),
              (56, "73", "This one hit harder. Holding until it settles."),
              (14, "66", "Six weeks of holding, then a smaller step.")],
    "wave_strength": {112: 0.6, 84: 0.7, 56: 1.0, 14: 0.55},
    "notes": {
        137: "Walked to the river and back. Ordinary day, which is the best kind.",
        106: "Zaps every time I turn my head. Told myself it is the cut, not me.",
        103: "Slept five hours straight. Small victory.",
        77: "Foggy all afternoon. Made soup anyway.",
        50: "Worst night in weeks. Read the Two years off thread at 3am and cried, "
            "the good kind.",
        47: "Anxiety in waves, not constant. Harbor says that is how it starts to lift.",
        38: "A window! Three hours where I felt like myself.",
        24: "Steady. Decided I am ready for the next step in two weeks.",
        9: "Zaps are back but milder than last time.",
        2: "Good day. Sat in the sun with a book.",
    },
}

# category, author, title, body, days ago, replies [(author, text, days ago)], milestone
THREADS = [
    ("introductions", "juniper", "Hello from the start of a slow sertraline taper",
     "Hi everyone. I've been on sertraline for nine years and my doctor and I agreed to "
     "come off slowly, about ten percent a month, holding when I need to.\n\n"
     "I'm keeping a journal here so I can see the shape of it when the days blur together. "
     "Mostly I'm here because I don't know anyone else who has done this.", 128,
     [("harbor", "Welcome, juniper. Slow and steady, with holds whenever you need them, is "
                 "how most of us got through. You're not alone in this.", 127.8),
      ("willow", "Glad you found us. Writing things down helped me see progress I couldn't "
                 "feel. Be gentle with yourself after each cut.", 127.2),
      ("juniper", "Update, two months in: the cut to 73 was rough. Zaps, fog and a week of "
                  "bad sleep. I'm holding until it settles, and that feels like the right "
                  "call.", 52),
      ("harbor", "Holding is not failing. It's listening. The wave usually passes faster "
                 "than the fear of it says it will.", 51.5),
      ("juniper", "Month five: at 66 mg now. The chart shows me something I can't feel on "
                  "a hard day, that each wave has been a little shorter than the last.", 3),
      ("willow", "That's such a good thing to notice. Thank you for sharing the chart.", 2.6)],
     None),
    ("community", "keeper", "Small good things: what helped today?",
     "A thread for the small things. A warm drink, a kind text, ten minutes of sun. "
     "Post one whenever you like; read them when you need them.", 75,
     [("juniper", "My neighbour's dog waited at the gate for me this morning.", 74),
      ("harbor", "Bread from the bakery, still warm, and a bench to eat it on.", 60),
      ("willow", "The first tomatoes are turning red.", 33),
      ("juniper", "Slept through the night. First time in nine days.", 1.2)], None),
    ("symptoms-coping", "juniper", "Brain zaps after each cut: do they ease?",
     "Every cut so far brings a week or two of brain zaps, especially when I move my eyes "
     "quickly. They frighten me less each time, but I'd love to hear how they went for "
     "others.", 104,
     [("willow", "Mine faded over months, not weeks, but they faded. Slow eye movements and "
                 "steady meals helped a little.", 103.5),
      ("harbor", "Mine were worst in the mornings. They stopped being scary once I learned "
                 "they pass, and then one day I noticed they had gone.", 102)], None),
    ("resources", "willow", "Round-up: tapering guides and reading",
     "A pinned list of well-sourced material about tapering slowly. Suggestions welcome in "
     "the replies; please add where you found each one.", 90,
     [("keeper", "Thank you for gathering these. Pinned, so new members find it "
                 "first.", 88)], None),
    ("recovery-stories", "harbor", "Two years off: what helped me",
     "Two years ago today I took my last crumb of clonazepam. It was not linear.\n\n"
     "- Small cuts, with holds whenever my body asked\n- Walking a little every day, even "
     "around the block\n- Writing here, and letters, when I couldn't talk to anyone else\n\n"
     "It does get better. Slowly, then noticeably.", 40,
     [("juniper", "Thank you for writing this. I needed it today.", 39.6),
      ("willow", "Two years! I remember your posts from the hardest months. Look at you "
                 "now.", 39)], ("success", "Two years off clonazepam")),
    ("withdrawal-support", "willow", "A wave this week, and a note to myself",
     "A hard week after a long window: sound sensitivity, the old restlessness at night. "
     "Writing it here so I remember: I have been here before, and it passed every time.",
     20,
     [("harbor", "It passed every time. It will pass this time. Sending you a quiet "
                 "evening.", 19.7),
      ("juniper", "Thank you for being honest about the waves. It helps to know they come "
                  "even later on.", 19)], None),
    ("recovery-stories", "willow", "Three years off venlafaxine: a window that lasted nine "
     "days",
     "Three years since my last dose. This spring I had nine days in a row that felt like "
     "me: I gardened, laughed at a film, slept. The wave came back, but softer.\n\nIf you "
     "are in the long middle of it: the windows do get longer.", 6,
     [("harbor", "Nine days! That is wonderful, willow.", 5.8),
      ("juniper", "Saving this one for my hard days.", 5)], ("milestone", "Three years off")),
    ("introductions", "fern", "Three weeks into a paroxetine taper and I can't sleep",
     "Hi. I found Lantern last night at 4am. I've cut my paroxetine by a small step three "
     "weeks ago and I'm sleeping two or three hours a night. Is this normal? I don't know "
     "anyone who has done this.", 0.4, [], None),
]

PINNED = {"Round-up: tapering guides and reading"}

# A correspondence: who asked whom, the introduction, when, and the letters that followed.
CORRESPONDENCE = {
    "asker": "willow", "recipient": "harbor", "days_ago": 58,
    "intro": "Hello harbor. I've read your posts for a long time, especially from the middle "
             "of your taper. I'm three years off venlafaxine and still in it, slowly. Would "
             "you like to write now and then?",
    "letters": [
        ("harbor", 57, "Dear willow,\n\nI'd like that very much. I remember your posts too, "
                       "the one about the heron on the canal most of all. I read it on a "
                       "night when I couldn't see any way through, and it made me go out "
                       "the next morning and look for one.\n\nHow are the days for you at "
                       "the moment?\n\nHarbor"),
        ("willow", 50, "Dear harbor,\n\nThe heron is still there, most mornings. The days "
                       "are uneven: the mornings are the hardest, a kind of buzzing dread "
                       "that burns off by noon. Afternoons I can usually garden a little. "
                       "I've been planting things that take a long time, on purpose.\n\n"
                       "What did your mornings feel like, at the worst?\n\nWillow"),
        ("harbor", 43, "Dear willow,\n\nMy mornings were the same: waking at four with my "
                       "heart going. What helped was having one small thing ready the night "
                       "before, the kettle filled, my shoes by the door, so the first "
                       "minutes didn't ask anything of me.\n\nI love that you plant slow "
                       "things. It sounds like a promise to yourself.\n\nHarbor"),
        ("willow", 29, "Dear harbor,\n\nI tried the kettle. It's silly how much it helps. "
                       "I had nine good days this month, in a row, and I kept wanting to "
                       "write to you during them and then being too busy living. Now a "
                       "wave again, softer than before.\n\nWillow"),
        ("harbor", 22, "Dear willow,\n\nNine days! Being too busy living to write is the "
                       "best reason I have ever had for a late letter. Softer waves were "
                       "how I knew I was healing, long before the good days stayed.\n\n"
                       "Harbor"),
        ("willow", 8, "Dear harbor,\n\nThe tomatoes are red and I ate one warm off the "
                      "plant. Three years off in a few days. I'm going to post about it, "
                      "because someone posted about two years once and it got me through a "
                      "night.\n\nThank you for writing back, always.\n\nWillow"),
    ],
}

# A request waiting for an answer, so willow's letters show one to accept or decline.
REQUEST = {
    "asker": "juniper", "recipient": "willow", "days_ago": 2,
    "intro": "Hi willow, I'm juniper, tapering sertraline slowly. Your three-years post gave "
             "me hope on a hard night. Would you like to write now and then? No rush at all.",
}

"""The core guides in plain English (reading age about 9, no sentence over 25 words).

Each guide is plain data, turned into pages by content.demo. Translations of every string live
in content/guides/translations/<language>.json, keyed by the English text.
"""

GLOSSARY = {
    "meeting": (
        "Family group meeting",
        "A meeting where the people who care about a child make a plan to keep the child safe and well.",
    ),
    "network": ("Family network", "The people who matter to the child: relatives and close friends."),
    "coordinator": (
        "Independent coordinator",
        "The person who helps your family get ready for the meeting and runs it. "
        "They are not the child's social worker.",
    ),
    "practitioner": (
        "Lead practitioner",
        "The professional who works with your family, often a social worker. They agree the plan.",
    ),
    "private_time": (
        "Private family time",
        "The part of the meeting where your family talks alone and makes its plan.",
    ),
    "plan": ("Family plan", "Your family's plan: who does what, and by when, to keep the child safe and well."),
    "support": (
        "Family Network Support Package",
        "Money or practical help from the council that helps your family's plan work.",
    ),
    "consent": (
        "Consent",
        "Saying yes to something after it has been explained to you. You can change your mind.",
    ),
    "advocate": ("Advocate", "A person who helps a child or young person say what they think."),
}

HOME = {
    "title": "Family group meetings",
    "intro": (
        "<p>A family group meeting brings together the people who care about a child. "
        "Together you make a plan to keep the child safe and well.</p>"
        "<p>It is your family's plan, in your own words. An independent coordinator helps you get ready.</p>"
    ),
}

JARGON_BUSTER = {
    "title": "Jargon buster",
    "slug": "jargon-buster",
    "intro": "<p>Words you may hear, and what they mean.</p>",
}

CONTACT = {
    "title": "Help and contact",
    "slug": "contact",
    "body": [
        (
            "text",
            "<p>Call us on weekdays from 9am to 5pm. You can ask for an interpreter. It is free.</p>"
            "<p>You can also email us. We reply within two working days.</p>",
        ),
        ("callout", ("warning", "If a child is in danger now, call 999.")),
    ],
}

BSL_VIDEO_URL = "https://video.example.org/northshire/family-group-meetings-bsl"

GUIDES = [
    {
        "slug": "what-is-a-family-group-meeting",
        "title": "What is a family group meeting?",
        "summary": "A meeting where your family makes a plan to keep a child safe and well.",
        "body": [
            (
                "text",
                "<p>A family group meeting is a meeting for the people who care about a child.</p>"
                "<p>It can be parents, grandparents, aunts, uncles, older brothers and sisters, and friends.</p>"
                "<p>Together you make a plan to keep the child safe and well. The plan is in your own words.</p>",
            ),
            ("word", "coordinator"),
            (
                "steps",
                (
                    "What happens next",
                    [
                        ("The coordinator calls you", "They explain the meeting and answer your questions."),
                        ("You tell us who matters to the child", "We invite the people you and the child choose."),
                        ("You meet", "Professionals say what worries them. Then your family makes a plan in private."),
                        ("The plan is agreed", "The lead practitioner checks that the plan keeps the child safe."),
                    ],
                ),
            ),
            ("callout", ("inset", "Saying yes is your choice. You can ask questions before you decide.")),
            (
                "video",
                (
                    "Watch in British Sign Language (BSL)",
                    BSL_VIDEO_URL,
                    "A short video about family group meetings, in BSL with subtitles.",
                ),
            ),
            (
                "questions",
                (
                    "Questions people ask",
                    [
                        ("Do I have to pay?", "<p>No. The meeting is free. We can help with travel and childcare.</p>"),
                        (
                            "Will the child be there?",
                            "<p>The child can come to all, some or none of the meeting. "
                            "They can also send their words or a drawing.</p>",
                        ),
                    ],
                ),
            ),
        ],
        "easy_read": [
            "A meeting for your family.",
            "You make a plan to keep the child safe.",
            "A coordinator helps you.",
            "It is free.",
        ],
    },
    {
        "slug": "who-can-come",
        "title": "Who can come, and how we keep everyone safe",
        "summary": "Who is invited, and what we do so that everyone is safe at the meeting.",
        "body": [
            (
                "text",
                "<p>You and the child choose who to invite. We call these people the family network.</p>"
                "<p>It can be relatives and close friends. Neighbours and godparents can come too.</p>",
            ),
            ("word", "network"),
            (
                "text",
                "<h2>Keeping everyone safe</h2>"
                "<p>Sometimes it is not safe for someone to come. "
                "Then they may come to part of the meeting, or send their views in writing.</p>"
                "<p>We tell you who is coming before the meeting. There are no surprises.</p>",
            ),
            (
                "callout",
                (
                    "warning",
                    "If you are afraid of someone in your family, tell your coordinator. "
                    "They will keep what you say private.",
                ),
            ),
            (
                "questions",
                (
                    "Questions people ask",
                    [
                        ("Can I bring someone to support me?", "<p>Yes. You can bring a friend or a supporter.</p>"),
                        (
                            "What if people in my family do not get on?",
                            "<p>Tell your coordinator. "
                            "They will plan the meeting so that everyone can speak safely.</p>",
                        ),
                    ],
                ),
            ),
        ],
        "easy_read": [
            "You choose who comes.",
            "Family and friends can come.",
            "We keep everyone safe.",
            "Tell us if you are afraid.",
        ],
    },
    {
        "slug": "private-family-time",
        "title": "Private family time and making your plan",
        "summary": "The part of the meeting where your family talks alone and makes its plan.",
        "body": [
            (
                "text",
                "<p>In the middle of the meeting, the professionals leave the room. This is private family time.</p>"
                "<p>Your family talks alone and makes a plan. You can take as long as you need.</p>",
            ),
            ("word", "private_time"),
            (
                "steps",
                (
                    "What your plan says",
                    [
                        ("Who will do what", "For example, who takes the child to school."),
                        ("By when", "Dates help everyone remember."),
                        ("What if it does not work", "A back-up plan, in case something goes wrong."),
                        ("How you will check it", "Who will make sure the plan is working."),
                    ],
                ),
            ),
            ("callout", ("inset", "Your coordinator can write the plan down for you. They use your family's words.")),
            (
                "questions",
                (
                    "Questions people ask",
                    [
                        (
                            "What if we cannot agree?",
                            "<p>That is normal. Take a break, or ask the coordinator to help you talk.</p>",
                        ),
                    ],
                ),
            ),
        ],
        "easy_read": [
            "Professionals leave the room.",
            "Your family talks alone.",
            "You make a plan.",
            "The coordinator can write it down.",
        ],
    },
    {
        "slug": "help-for-your-family",
        "title": "Help your family can get",
        "summary": "Money and practical help that can make your family's plan work.",
        "body": [
            (
                "text",
                "<p>Sometimes a plan needs help to work. For example, a bed for the child, or bus fares to visit.</p>"
                "<p>The council can pay for some things. This is called a Family Network Support Package.</p>",
            ),
            ("word", "support"),
            (
                "steps",
                (
                    "How to ask",
                    [
                        ("Say what you need", "Tell your coordinator, or ask on your family page."),
                        ("Someone decides", "The lead practitioner decides and tells you why."),
                        ("We check that it helps", "Help that goes on for a long time is checked again later."),
                    ],
                ),
            ),
            ("callout", ("inset", "Asking for help will not count against your family.")),
            (
                "questions",
                (
                    "Questions people ask",
                    [
                        (
                            "What can we ask for?",
                            "<p>Things like furniture, travel costs, or help with rent or lost pay. "
                            "Ask about anything that helps the plan.</p>",
                        ),
                    ],
                ),
            ),
        ],
        "easy_read": [
            "The council can help.",
            "It can pay for things the plan needs.",
            "Ask your coordinator.",
            "We tell you yes or no, and why.",
        ],
    },
    {
        "slug": "interpreters-and-access",
        "title": "Interpreters, BSL and getting there",
        "summary": "Help to take part in your own language, and to get to the meeting.",
        "body": [
            (
                "text",
                "<p>You can take part in your own language. We book a professional interpreter for you. "
                "It is free.</p>"
                "<p>We never ask family members or children to interpret.</p>",
            ),
            (
                "video",
                (
                    "British Sign Language (BSL)",
                    BSL_VIDEO_URL,
                    "We book BSL interpreters for deaf people. Watch this guide in BSL.",
                ),
            ),
            (
                "text",
                "<h2>Getting to the meeting</h2>"
                "<p>Tell us what you need. We can help with travel, childcare and a room that is easy to get into.</p>"
                "<p>You can also join by phone or video.</p>",
            ),
            (
                "callout",
                ("inset", "Tell your coordinator what language you want. You can change it at any time."),
            ),
        ],
        "easy_read": [
            "We book an interpreter.",
            "It is free.",
            "We can help you get there.",
            "You can join by phone.",
        ],
    },
    {
        "slug": "your-rights",
        "title": "Your rights and your information",
        "summary": "Saying yes or no, and how we look after what you tell us.",
        "body": [
            (
                "text",
                "<p>A family group meeting only happens if the parents agree. This is called consent.</p>"
                "<p>You can change your mind at any time. Then we stop contacting your family.</p>",
            ),
            ("word", "consent"),
            (
                "text",
                "<h2>Your information</h2>"
                "<p>We only share what you agree to share. We keep it safe.</p>"
                "<p>You can ask to see what we hold about you.</p>",
            ),
            (
                "questions",
                (
                    "Questions people ask",
                    [
                        (
                            "Who sees the plan?",
                            "<p>The people at the meeting and the lead practitioner. "
                            "We will tell you if anyone else needs to see it.</p>",
                        ),
                        (
                            "How do I complain?",
                            "<p>Talk to your coordinator first. If you are still unhappy, contact us. "
                            "Our details are on the help page.</p>",
                        ),
                    ],
                ),
            ),
        ],
        "easy_read": [
            "You can say yes or no.",
            "You can change your mind.",
            "We keep your information safe.",
            "You can ask what we hold.",
        ],
    },
    {
        "slug": "after-the-meeting",
        "title": "After the meeting and reviews",
        "summary": "What happens once your family has made its plan.",
        "body": [
            (
                "steps",
                (
                    "What happens next",
                    [
                        ("The plan is agreed", "The lead practitioner agrees the plan, or explains what must change."),
                        ("Everyone gets a copy", "Each person sees the parts of the plan that are for them."),
                        ("You do what the plan says", "Your coordinator or social worker keeps in touch."),
                        ("A review meeting", "A few months later, you meet again to check the plan."),
                    ],
                ),
            ),
            ("word", "practitioner"),
            ("text", "<p>At the review, you can change the plan. It is fine if some things did not work.</p>"),
            ("callout", ("inset", "If something goes wrong before the review, call us. Do not wait.")),
        ],
        "easy_read": [
            "The plan is agreed.",
            "You get a copy.",
            "You do the plan.",
            "Later, you meet again to check it.",
        ],
    },
    {
        "slug": "for-children-and-young-people",
        "title": "For children and young people",
        "summary": "This meeting is about you. Here is how you can have your say.",
        "body": [
            (
                "text",
                "<p>A family group meeting is about you. The grown-ups who care about you make a plan.</p>"
                "<p>What you think matters. You can say what you want and what worries you.</p>",
            ),
            (
                "steps",
                (
                    "How to have your say",
                    [
                        ("Come to the meeting", "You can come for all of it or just some of it."),
                        ("Send your words", "You can write, draw or record a message."),
                        ("Ask someone to speak for you", "An advocate is a person who helps you say what you think."),
                    ],
                ),
            ),
            ("word", "advocate"),
            ("callout", ("inset", "You are not in trouble. The meeting is to help your family look after you.")),
        ],
        "easy_read": [
            "The meeting is about you.",
            "What you think matters.",
            "You can come, or send a message.",
            "Someone can speak for you.",
        ],
    },
]

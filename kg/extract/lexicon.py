"""Word lists the rules use: event triggers, state cues, role nouns, hedges.

Plain data, kept apart from the rules so they can be extended without touching code.
Nothing here names a person, a place or an article.
"""
from __future__ import annotations

#: Verb lemmas that report an event of a type.
EVENT_VERBS: dict[str, str] = {
    "pardon": "pardon", "amnesty": "pardon",
    "release": "release", "free": "release", "liberate": "release", "parole": "release",
    "arrest": "arrest", "detain": "arrest", "apprehend": "arrest", "seize": "arrest",
    "abduct": "arrest", "round": "arrest",  # "rounded up"
    "sentence": "sentencing",
    "exchange": "prisoner_exchange", "swap": "prisoner_exchange", "trade": "prisoner_exchange",
    "flee": "exile", "deport": "exile", "expel": "exile", "exile": "exile", "banish": "exile",
    "protest": "protest", "rally": "protest", "demonstrate": "protest",
    "die": "death_in_custody", "execute": "death_in_custody",
}
#: Nouns that report an event of a type (kept only with a count, a date or a named person).
EVENT_NOUNS: dict[str, str] = {
    "pardon": "pardon", "clemency": "pardon", "amnesty": "pardon",
    "release": "release", "freeing": "release", "parole": "release",
    "arrest": "arrest", "detention": "arrest",
    "sentence": "sentencing", "conviction": "sentencing", "sentencing": "sentencing",
    "exchange": "prisoner_exchange", "swap": "prisoner_exchange",
    "exile": "exile", "expulsion": "exile", "deportation": "exile",
    "protest": "protest", "rally": "protest", "demonstration": "protest", "clash": "protest", "uprising": "protest",
    "election": "election", "vote": "election", "ballot": "election", "re-election": "election",
    "reelection": "election", "runoff": "election",
    "death": "death_in_custody",
}
#: Nouns a follow-up sentence uses for the act just told: "The Head of State took the
#: decision on Thursday", "The move came a day after ..." (plus the event nouns).
ACT_NOUNS = {"decision", "move", "step", "decree", "order", "operation", "handover", "ruling", "verdict"}
#: Nouns for a gathering an event can point back to: "detained 100 people at those gatherings".
GATHERING_NOUNS = {
    "gathering", "protest", "rally", "demonstration", "vigil", "march", "event", "memorial",
    "commemoration", "ceremony", "funeral", "meeting", "rallies", "crowd",
}
#: Verbs that take a pardon/release noun as object: "granted clemency", "signed pardons".
LIGHT_VERBS = {"grant", "sign", "issue", "announce", "order", "approve", "give", "receive", "win", "hand", "impose", "pass", "deliver"}
#: Participles that describe a group as held: "opposition politicians held incommunicado, including X".
HELD_PARTICIPLES = {"hold", "keep", "jail", "imprison", "incarcerate", "detain", "lock", "jailed", "imprisoned", "detained"}
#: Nouns for a set of people: "a group of 14 prisoners, including X" names a member of the set.
GROUP_HEADS = {"group", "batch", "total", "number", "list", "wave", "dozen", "dozens", "hundreds", "set", "round"}
#: Places of detention: a death there is a death in custody.
CUSTODY_WORDS = (
    "custody", "prison", "penal colony", "colony", "jail", "behind bars", "detention",
    "detention centre", "detention center", "pretrial", "pre-trial", "cell", "labour camp",
    "labor camp", "gulag", "while held", "in captivity",
)
#: Phrases of leaving the country (exile) when a person is the subject.
EXILE_PHRASES = (
    "fled", "flee", "flees", "fleeing", "forced to leave", "forced into exile", "went into exile",
    "gone into exile", "lives in exile", "living in exile", "in exile", "left the country",
    "left for", "sentenced in absentia", "in absentia", "was deported", "were deported",
    "was expelled", "were expelled", "was forced out", "escaped abroad", "was exiled",
    "were exiled", "to avoid arrest",
)
#: Phrases that say a person is held now (a state, not an event).
JAILED_PHRASES = (
    "in jail", "in prison", "behind bars", "in custody", "in detention", "still held",
    "remains jailed", "remain jailed", "remains in", "remain in", "still in", "is serving",
    "was serving", "serving a", "imprisoned", "jailed", "detained", "incarcerated",
    "locked up", "held in", "being held", "been held", "held since", "remains held",
    "not among those freed", "not among those released", "not among those pardoned",
    "returned to prison", "taken back to prison", "sent back to prison",
)
#: Nouns for people in counts ("30 prisoners", "1,400 political prisoners").
PEOPLE_NOUNS = {
    "people", "person", "persons", "prisoner", "prisoners", "detainee", "detainees",
    "individual", "individuals", "protester", "protesters", "protestor", "protestors",
    "demonstrator", "demonstrators", "activist", "activists", "journalist", "journalists",
    "man", "men", "woman", "women", "child", "children", "minor", "minors", "inmate", "inmates",
    "convict", "convicts", "citizen", "citizens", "national", "nationals", "opponent",
    "opponents", "critic", "critics", "dissident", "dissidents", "figure", "figures",
    "member", "members", "student", "students", "worker", "workers", "defender", "defenders",
    "blogger", "bloggers", "politician", "politicians", "leader", "leaders", "supporter",
    "supporters", "captive", "captives", "hostage", "hostages", "american", "americans",
    "russian", "russians", "foreigner", "foreigners", "priest", "priests", "lawyer", "lawyers",
    "defendant", "defendants", "accused", "staff", "employee", "employees", "editor", "editors",
    "reporter", "reporters", "monk", "monks", "nun", "nuns", "migrant", "migrants", "refugee", "refugees",
    "other", "others", "those", "more", "detentions", "arrests", "ally", "allies", "colleague", "colleagues",
    "associate", "associates", "co-defendant", "co-defendants",
}
#: Units that make a number a duration or amount, not a count of people.
NON_PEOPLE_UNITS = {
    "year", "years", "month", "months", "day", "days", "week", "weeks", "hour", "hours",
    "minute", "minutes", "percent", "per", "%", "time", "times", "term", "terms", "dollar",
    "dollars", "euro", "euros", "rouble", "roubles", "ruble", "rubles", "kilometre",
    "kilometres", "kilometer", "kilometers", "mile", "miles", "decree", "decrees", "case",
    "cases", "charge", "charges", "count", "counts", "round", "rounds", "occasion", "th",
    "trial", "trials", "hearing", "hearings", "raid", "raids", "search", "searches", "article", "articles",
    "post", "posts", "complaint", "complaints", "petition", "petitions", "incident", "incidents", "law", "laws",
    "sentence", "sentences", "fine", "fines", "appeal", "appeals", "verdict", "verdicts",
}
#: Heads that turn what they govern into something not (yet) real.
HEDGE_LEMMAS = {
    "may", "might", "could", "would", "should", "can", "will", "shall",
    "offer", "propose", "expect", "plan", "hope", "seek", "ask", "appeal", "petition", "call",
    "urge", "demand", "want", "need", "promise", "threaten", "consider", "likely", "possible",
    "fight", "vow", "wish", "push", "campaign", "lobby", "await", "face", "risk", "request",
    "apply", "intend", "aim", "try", "attempt", "prepare", "negotiate", "discuss", "study",
    "review", "unless", "until", "if", "whether", "rumour", "rumor", "allegedly",
    "refuse", "decline", "reject", "resist", "fail", "avoid", "escape", "evade", "deny", "fear",
    "ban", "bar", "prevent", "forbid", "prohibit", "block",  # "banned from leaving the country": not an exile
}
#: Reporting verbs: "X says/estimates/counts N ...".
REPORT_VERBS = {
    "say", "estimate", "count", "report", "put", "record", "document", "tally", "announce",
    "note", "state", "claim", "tell", "post", "write", "confirm", "list", "register", "add",
    "publish", "reckon", "believe", "verify", "recognise", "recognize", "number", "designate", "classify",
    "remind", "warn", "stress", "recall", "insist", "highlight", "emphasise", "emphasize",
    "denounce", "inform", "indicate", "acknowledge", "learn", "reveal",
}
#: Nouns of a document a figure can come from: "according to the report", "a report
#: that reveals ...": the one who published it reports the figure.
DOCUMENT_NOUNS = {"report", "document", "study", "survey", "review", "list", "statement", "analysis", "overview", "bulletin", "monitoring"}
#: Verbs by which an organisation makes a document public ("X presented a report").
PUBLISH_VERBS = {"publish", "present", "release", "issue", "unveil", "launch", "compile", "prepare", "produce", "submit", "update", "post"}
#: Words that mark a figure as a running tally rather than one act.
TALLY_CUES = (
    "since", "in all", "in total", "total", "so far", "to date", "remain", "remains",
    "currently", "now", "still", "continue to", "continues to", "held on", "as of", "overall", "altogether",
    "newly recognised", "newly recognized", "behind bars", "are being held", "are held",
    "estimates", "counts", "recognised as", "recognized as", "on the list", "in the last", "over the past",
    "in the past", "at the moment", "at present", "at this moment",
    "are political prisoners", "are considered political prisoners",
)
#: Cue -> role.  Matched as whole words in the words around a name (see roles.py).
ROLE_CUES: list[tuple[str, str]] = [
    ("vice president", "vice president"), ("vice-president", "vice president"),
    ("opposition leader", "opposition figure"), ("opposition politician", "opposition figure"),
    ("opposition activist", "opposition figure"), ("opposition candidate", "opposition figure"),
    ("opposition figure", "opposition figure"), ("opposition blogger", "opposition figure"),
    ("opposition member", "opposition figure"), ("opposition", "opposition figure"),
    ("kremlin critic", "opposition figure"), ("government critic", "opposition figure"),
    ("critic of", "opposition figure"), ("pro-democracy", "opposition figure"),
    ("democracy activist", "opposition figure"), ("democracy campaigner", "opposition figure"),
    ("protest movement", "opposition figure"), ("democracy movement", "opposition figure"),
    ("opposition movement", "opposition figure"),
    ("dissident", "opposition figure"), ("would-be challenger", "opposition figure"),
    ("challengers", "opposition figure"), ("challenger", "opposition figure"),
    ("planned to run", "opposition figure"), ("planned to challenge", "opposition figure"),
    ("sought to challenge", "opposition figure"), ("ran against", "opposition figure"),
    ("political prisoner", "political prisoner"), ("political prisoners", "political prisoner"),
    ("prisoner of conscience", "political prisoner"), ("political detainee", "political prisoner"),
    ("human rights defender", "human rights defender"), ("rights defender", "human rights defender"),
    ("human rights activist", "human rights defender"), ("rights activist", "human rights defender"),
    ("human rights lawyer", "human rights defender"), ("rights advocate", "human rights defender"),
    ("human rights", "human rights defender"), ("rights group", "human rights defender"),
    ("journalist", "journalist"), ("reporter", "journalist"), ("editor", "journalist"),
    ("correspondent", "journalist"), ("editor-in-chief", "journalist"),
    ("president", "president"), ("head of state", "president"),
    ("lawyer", "lawyer"), ("attorney", "lawyer"),
    ("bishop", "cleric"), ("archbishop", "cleric"), ("priest", "cleric"), ("cleric", "cleric"),
    ("imam", "cleric"), ("pastor", "cleric"), ("cardinal", "cleric"), ("rabbi", "cleric"),
    ("artist", "artist"), ("painter", "artist"), ("musician", "artist"), ("poet", "artist"),
    ("sculptor", "artist"), ("singer", "artist"),
    ("minister", "official"), ("envoy", "official"), ("official", "official"),
    ("spokesman", "official"), ("spokeswoman", "official"), ("spokesperson", "official"),
    ("attorney general", "official"), ("prosecutor", "official"), ("ambassador", "official"),
    ("general", "military leader"), ("commander", "military leader"), ("junta chief", "military leader"),
    ("army chief", "military leader"),
    ("judge", "official"), ("high commissioner", "official"), ("commissioner", "official"),
    ("rapporteur", "official"), ("diplomat", "official"), ("police officer", "official"),
    ("judiciary chief", "official"), ("police chief", "official"), ("prison chief", "official"),
    ("king", "president"), ("emir", "president"), ("monarch", "president"), ("sultan", "president"),
    ("supreme leader", "president"), ("crown prince", "official"),
    ("mp", "official"), ("lawmaker", "official"), ("member of parliament", "official"),
    ("ruler", "president"), ("strongman", "president"), ("dictator", "president"),
    ("chancellor", "official"), ("foreign secretary", "official"), ("secretary of state", "official"),
    ("national security adviser", "official"), ("national security advisor", "official"),
    ("opponent", "opposition figure"), ("stand against", "opposition figure"), ("stood against", "opposition figure"),
    ("run against", "opposition figure"),
    ("wanted to challenge", "opposition figure"), ("tried to challenge", "opposition figure"),
    ("bid to challenge", "opposition figure"), ("protest leader", "opposition figure"),
]
#: Role cues that need a pattern: "one of the leaders of the 2020 protests".
ROLE_PATTERNS: list[tuple[str, str]] = [
    (r"\bleaders? of (?:the )?(?:\w+ ){0,3}(?:protests?|uprising|movement|opposition)\b", "opposition figure"),
    (r"\b(?:director|editor|editor-in-chief|reporter|correspondent|anchor|presenter) (?:of|at|for) (?:the )?(?:[A-Z]\w* ){0,3}"
     r"(?:Media|News|TV|Television|Radio|Press|Daily|Times|Post|Gazette|Journal|Herald|Tribune|Agency)\b", "journalist"),
]
#: Words after which "to/of <opposition leader Y>" makes X one of Y's camp too:
#: "X, a lawyer and adviser to opposition leader Y".
CAMP_NOUNS = {"adviser", "advisor", "aide", "ally", "associate", "spokesman", "spokeswoman", "spokesperson",
              "deputy", "campaign manager", "campaign chief", "chief of staff", "running mate"}
#: What a person can be jailed over that makes them a political prisoner (the corpus
#: rule: "detained or jailed over political activity, reporting or activism").
POLITICAL_ACTS = (
    "post", "posts", "comment", "comments", "criticism", "protest", "protests", "speech", "speeches",
    "article", "articles", "reporting", "report", "song", "songs", "poem", "poems", "painting", "portrait",
    "activism", "banner", "flag", "tweet", "tweets", "video", "videos", "cartoon", "interview", "views",
    "opposition", "campaign", "blog", "book", "petition", "petitions", "rally", "rallies", "strike",
    "demonstration", "demonstrations", "picket", "coverage", "journalism", "dissent", "leaflets",
    "taking part", "participation", "organising", "organizing",
)
#: Words that, before "leader", make it a head of state ("Belarusian leader X").
LEADER_IS_PRESIDENT_BEFORE = {"authoritarian", "longtime", "long-time", "country's", "state", "national"}
#: Organisation words that mark a rights group (members of it are rights defenders).
RIGHTS_ORG_CUES = ("rights", "memorial", "amnesty", "watch", "monitor", "penal", "defenders", "helsinki", "ovd")
#: Names of bodies whose own pages count people held: rights groups, and the monitors of
#: journalists and political prisoners ("Association of Journalists", "Prisoners Defenders").
MONITOR_CUES = RIGHTS_ORG_CUES + ("journalists", "reporters without borders", "political prisoners", "prisoners defenders")
#: Membership nouns before or after a name: "Libertas activist X", "X, director of Y".
MEMBER_NOUNS = {
    "activist": "member_of", "member": "member_of", "veteran": "member_of", "staffer": "member_of",
    "lawyer": "member_of", "volunteer": "member_of", "spokesman": "member_of",
    "spokeswoman": "member_of", "spokesperson": "member_of", "employee": "member_of",
    "founder": "founder_of", "co-founder": "founder_of", "cofounder": "founder_of",
    "leader": "leader_of", "head": "leader_of", "chief": "leader_of", "director": "leader_of",
    "chairman": "leader_of", "chairwoman": "leader_of", "chair": "leader_of", "president": "leader_of",
    "editor": "member_of", "journalist": "member_of", "reporter": "member_of",
}
#: Kinship nouns that give a spouse relation.
SPOUSE_NOUNS = {"husband", "wife", "spouse", "widow", "widower"}
#: Family and representation ties: "the husband of X", "a lawyer for X" names X as another person.
KIN_NOUNS = SPOUSE_NOUNS | {"brother", "sister", "son", "daughter", "mother", "father", "parent", "child", "relative",
                            "niece", "nephew", "cousin", "grandson", "granddaughter", "fiancé", "fiancee", "partner",
                            "lawyer", "attorney", "aide", "adviser", "advisor", "ally", "friend", "colleague"}
GENERIC_AGENTS = {
    "authorities", "authority", "police", "court", "government", "regime", "officials",
    "judge", "prosecutors", "army", "military", "security", "forces", "state",
}
#: How page fixtures start: a line that starts so is clutter, not story (see clutter.py).
CLUTTER_PREFIXES = (
    "read more", "read also", "see also", "related", "related articles", "related stories", "more from",
    "recommended", "advertisement", "sponsored", "share this", "share on", "share", "subscribe", "sign up",
    "follow us", "cookie", "cookies", "we use cookies", "accept all", "all rights reserved", "copyright", "©",
    "photo:", "photo credit", "photograph:", "image:", "image credit", "credit:", "getty images", "file photo",
    "listen to", "watch:", "episode", "season", "trending", "most read", "popular", "tags:", "topics:",
    "click here", "newsletter", "download the app", "this material is available", "the material is available",
)
#: Words left out when judging whether a line is in title case ("Arrested for Treason Over ...").
HEADLINE_SMALL_WORDS = {
    "a", "an", "the", "of", "in", "on", "at", "for", "to", "and", "or", "but", "by", "with", "from", "as",
    "after", "over", "into", "amid", "vs", "via", "is", "are", "was", "were", "be", "its", "his", "her",
    "their", "than", "up", "out", "off", "s", "de", "la", "von", "van", "al", "el",
}
#: Title words of someone who speaks for a body ("the group's director, X, said"): such a speaker is free.
VOICE_NOUNS = {"director", "spokesperson", "spokesman", "spokeswoman", "head", "chair", "chairman", "chairwoman",
               "chairperson", "coordinator", "founder", "co-founder", "representative", "researcher", "secretary"}
#: Nouns whose owner rules: "X's regime", "the government of X", "the dictatorship of X".
RULER_NOUNS = {"regime", "government", "dictatorship", "administration", "rule", "hand", "invasion"}
#: Verbs of ruling: "X has ruled the country since 1994".
RULE_VERBS = {"rule", "govern"}
#: Verbs of speaking: their subject is a person who speaks in the article.
SPEECH_VERBS = {
    "say", "tell", "add", "state", "urge", "call", "warn", "note", "comment", "explain", "write",
    "announce", "insist", "argue", "stress", "emphasise", "emphasize", "declare", "speak", "describe",
    "report", "confirm", "tweet", "post",
}
#: Nouns a year may head as a time ("the 2020 summer", "in 2021 spring"), not as a name of a thing.
TIME_NOUNS = {"year", "years", "summer", "spring", "autumn", "fall", "winter", "season", "month", "months", "decade"}

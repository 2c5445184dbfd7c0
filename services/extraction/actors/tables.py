"""Language data for actor resolution: country names, capitals and seats of government, demonyms, titles.

General tables about the world and English news usage, never about one document.
"""

from __future__ import annotations

from services.extraction.actors.gazetteer import country_tables


def words(text: str) -> frozenset[str]:
    """A word table written as one space-separated string."""
    return frozenset(text.split())


# Country (canonical name) -> other names, capitals and seats of government that stand for its state, and
# demonym -> country: from the countryinfo package with news usage added (see gazetteer.py).
COUNTRY_ALIASES, DEMONYMS, US_STATES = country_tables()

# Nouns whose demonym modifier denotes the state itself ("Russian forces", "a North Korean official").
STATE_NOUNS: frozenset[str] = words(
    "official officials government authorities authority state forces force troops soldiers military army navy "
    "air ministry minister ministers diplomat diplomats embassy envoy ambassador president leader leadership "
    "regime administration media agency agencies spokesman spokeswoman spokesperson parliament lawmakers "
    "delegation side counterpart counterparts intelligence security police prosecutors court officer officers "
    "warplanes warships jets missiles drones weapons"
)

# Words of titles and offices that precede a name ("US Defense Secretary Lloyd Austin"); stripped from names.
TITLE_WORDS: frozenset[str] = words(
    "president vice prime minister deputy foreign defense defence secretary general chancellor premier "
    "king queen prince princess emperor sheikh emir sultan supreme leader chairman chairwoman chair chief "
    "senator sen. sen rep. rep representative congressman congresswoman governor gov. gov mayor judge justice "
    "ambassador envoy spokesman spokeswoman spokesperson aide adviser advisor director commissioner "
    "minister-president former late acting interim then-president then elect president-elect state "
    "mr mr. mrs mrs. ms ms. dr dr. sir lord lady dame pope cardinal archbishop bishop rev. reverend "
    "colonel col. lt. lieutenant gen. major maj. captain capt. sergeant admiral commander field marshal "
    "interior finance economy trade justice health education home affairs treasury energy security national "
    "attorney speaker leader-elect opposition party ceo cfo founder executive head of the "
    "constable inspector superintendent detective officer commander chief coach manager principal "
    "councillor councilor councilman councilwoman "
    "pastor rabbi imam father sister brother miss madam first lady"
)

# Occupations news puts before a name like a title ("Builder Rui De Sa", "Rail engineer Nathan Gibson"):
# stripped from a name that goes on, never a name by themselves.
OCCUPATION_WORDS: frozenset[str] = words(
    "builder engineer nurse teacher student pensioner worker labourer laborer electrician plumber carpenter "
    "accountant lawyer solicitor barrister doctor surgeon paramedic firefighter chef waiter cleaner farmer "
    "rail office shop care factory construction retired passenger commuter fan supporter survivor witness "
    "clerk cashier"
)

# Head-of-state or government titles: a person holding one can be "the Russian leader".
LEADER_TITLES: frozenset[str] = words(
    "president leader premier chancellor king queen emperor chairman sheikh emir sultan"
) | {"prime minister", "supreme leader"}

# Nouns that refer back to a leader ("the North Korean leader", "the two leaders").
LEADER_NOUNS: frozenset[str] = words("leader leaders president presidents head heads")

# Person-relation nouns: in "Kim's predecessor" the possessor is not the one taking part.
RELATION_NOUNS: frozenset[str] = words(
    "predecessor successor father mother son daughter wife husband brother sister uncle aunt nephew niece "
    "grandfather grandmother family widow aide adviser advisor spokesman spokeswoman spokesperson lawyer "
    "attorney friend rival critic biographer envoy assistant deputy secretary colleague partner girlfriend boyfriend "
    "fiance fiancee cousin teammate agent bodyguard driver chauffeur"
)

# Heads that make a PERSON-labelled name an organisation ("the Rodong Sinmun newspaper").
ORGANISATION_HEADS: frozenset[str] = words(
    "newspaper paper daily agency broadcaster channel network station magazine website outlet company firm "
    "group party bank ministry institute university"
)

# Well-known organisations and their short forms.
ORGANISATION_ALIASES: dict[str, tuple[str, ...]] = {
    "United Nations": ("UN", "U.N.", "the United Nations"),
    "European Union": ("EU", "E.U.", "the European Union"),
    "NATO": ("Nato", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"),
    "Group of Seven": ("G7", "G-7", "the Group of Seven"),
    "Group of 20": ("G20", "G-20", "the Group of 20"),
    "United Nations Security Council": ("UN Security Council", "U.N. Security Council", "Security Council"),
    "BRICS": ("the BRICS", "BRICS group"),
    "ASEAN": ("Association of Southeast Asian Nations",),
    "OPEC": ("Organization of the Petroleum Exporting Countries",),
    "African Union": ("AU",),
    "World Trade Organization": ("WTO",),
    "World Bank": (),
    "International Atomic Energy Agency": ("IAEA",),
    "International Criminal Court": ("ICC",),
    "International Monetary Fund": ("IMF",),
    "World Health Organization": ("WHO",),
    "Federal Bureau of Investigation": ("FBI",),
    "Central Intelligence Agency": ("CIA",),
}

# Words after a company's name that its short form drops ("Mondelez International" -> "Mondelez").
CORPORATE_SUFFIXES: frozenset[str] = words(
    "international inc incorporated corp corporation co company companies ltd limited plc llc group holdings "
    "ag sa se nv bv gmbh spa industries enterprises"
)

# Words of a police force's name ("Thames Valley Police", "Greater Manchester Constabulary").
POLICE_NAME_WORDS: frozenset[str] = words("police constabulary gendarmerie carabinieri")

# Ranks only police officers hold, before a name ("Chief Inspector Tom Reed", "Det Supt Ann Cole"): the
# officer speaks for the police force the article names.
POLICE_RANK_WORDS: frozenset[str] = words(
    "constable inspector superintendent supt supt. detective det det. dci"
)

# Who speaks for a body without taking part in what it does ("Jane Doe, a spokeswoman for Acme").
SPOKESPERSON_NOUNS: frozenset[str] = words("spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen")

# Nouns for someone speaking for the body named with them, with no name of their own ("an Acme official
# said", "a spokesman for the ministry said"): what they say in the first person is the body's.
BODY_VOICE_NOUNS: frozenset[str] = SPOKESPERSON_NOUNS | words("representative representatives official officials")

# Who speaks or acts for a company named by the first word of its name ("Bellweather officials said", "a
# Bellweather spokesman", "Bellweather executives met the union" after "Bellweather Foods").
COMPANY_VOICE_NOUNS: frozenset[str] = BODY_VOICE_NOUNS | words("executive executives")

# Modifiers of people who no longer speak for the body they served ("former Bellweather executives").
FORMER_WORDS: frozenset[str] = words("former ex ex- retired erstwhile onetime one-time")


def names_a_police_force(name: str) -> bool:
    """"Northshire Police", "Kent Constabulary"."""
    return any(word.lower() in POLICE_NAME_WORDS for word in name.split())


# Definite nouns that refer back to the organisation the text has named ("the company said").
ORGANISATION_NOUNS: frozenset[str] = words(
    "company firm group maker manufacturer brand club team franchise side chain retailer business carrier "
    "airline bank operator giant corporation conglomerate broadcaster newspaper agency organisation "
    "organization charity network insurer lender supermarket producer developer startup board haulier utility"
)

# Plural nouns for the people who run a company and act as it ("Directors met on Monday"): the article's company.
COMPANY_MEMBER_NOUNS: frozenset[str] = words("directors")

# Definite nouns for people that refer back only to a person the text introduced with them ("the driver,
# Alfred Dorris" ... "the driver"); they never link by themselves, since any person could be "the man".
PERSON_ROLE_NOUNS: frozenset[str] = words(
    "driver pilot passenger victim suspect man woman boy girl father mother son daughter husband wife "
    "grandfather grandmother player pitcher manager coach owner chairman president president-elect senator "
    "governor minister chancellor secretary director spokesman spokeswoman chief officer actor singer star "
    "author founder executive lawyer judge candidate nominee winner officer detective teenager student mayor"
)

# Common nouns and adjectives for people that a headline or a list capitalises ("Actress Jane Roe Dies",
# "Female Worker Held"): alone they never name anyone, whatever the recogniser makes of them.
PERSON_DESCRIPTOR_WORDS: frozenset[str] = PERSON_ROLE_NOUNS | OCCUPATION_WORDS | words(
    "actress actor female male employee employees staffer guard worker workers climber climbers teenager teen toddler baby "
    "gunman gunmen shooter attacker victim victims suspect suspects officer officers deputy trooper soldier "
    "singer rapper veteran mum dad mother father wife husband widow grandmother grandfather resident "
    "residents mourners protester protesters inmate prisoner fugitive"
) | words(
    # trades and sports roles that news writes before a name like a title ("Sprinter Dana Okoro",
    # "Striker Dani Rojas", "Miner Tom Hale")
    "sprinter runner athlete cyclist swimmer boxer golfer footballer striker midfielder defender goalkeeper "
    "winger forward jockey skier gymnast cricketer batsman bowler wrestler fighter rider miner rescuer "
    "tennis marathon hurdler jumper thrower rower sailor climber mountaineer"
)

# Nouns for who a person is (a trade, a calling, an age), not for a part one plays in a happening ("the
# victim", "the suspect" may be anyone): "the actress", "the teenager", "the climber" refer back to the one
# person the text has just named, even when it did not introduce her so.
IDENTITY_NOUNS: frozenset[str] = words(
    "actor actress singer rapper musician songwriter star celebrity model comedian presenter director "
    "climber mountaineer athlete swimmer runner cyclist boxer golfer player footballer pitcher teenager "
    "teen youngster schoolboy schoolgirl pensioner veteran billionaire businessman businesswoman "
    "entrepreneur tycoon author writer novelist poet artist painter photographer journalist reporter "
    "politician lawmaker legislator senator congressman congresswoman"
)

# Words that tell a person's gender where the text introduces them (titles and relation nouns).
MALE_WORDS: frozenset[str] = words(
    "mr sir lord king prince father son husband brother grandfather uncle nephew man boy dad grandad "
    "spokesman chairman congressman businessman actor schoolboy male"
)
FEMALE_WORDS: frozenset[str] = words(
    "mrs ms miss lady dame queen princess madam mother daughter wife sister grandmother aunt niece woman girl "
    "mum mom grandma spokeswoman chairwoman congresswoman businesswoman mum-of-two mother-of-two actress "
    "schoolgirl female"
)

# Closed-class English words (prepositions, adverbs, auxiliaries, pronouns) and the calls to action of web
# pages: no name starts or ends with one in title case, while headlines and captions glue them to names
# ("Above Clinton", "Mike Pence Previously", "Follow Ashley May"). Words that are also names (May, Will, US)
# are left out.
FUNCTION_WORDS: frozenset[str] = words(
    "above after against ahead along also among around as at before behind below beside between beyond but by "
    "down during except for from here if into like near now off on onto out over past previously since so "
    "than that then there these this those through to under until up upon very via what when where which "
    "while who why with within without yet is are was were be been being has have had do does did would "
    "can could shall should might must he she it they we you i his her its their our my your me him them "
    "read watch follow click play more"
)

# Titles that only a person holds, before a bare surname ("Chancellor Scholz", "Mr Carney", "Sen. Warren").
PERSONAL_TITLES: frozenset[str] = words(
    "president chancellor premier senator sen governor gov mayor mr mrs ms miss dr sir lord lady dame king queen "
    "prince princess pope judge justice ambassador minister secretary general gen colonel col captain capt "
    "sergeant sgt admiral commander detective inspector constable superintendent sheriff lieutenant marshal "
    "coach rep congressman congresswoman councillor councilor councilman councilwoman "
    "president-elect chairman chairwoman professor prof rabbi imam bishop cardinal archbishop rev reverend"
)

# Nouns for an office or role only a person holds: a name introduced or described by one is a person's
# ("Agency administrator Marcus Obi", "Marcus Obi, the agency's administrator").
PERSON_OFFICE_NOUNS: frozenset[str] = PERSON_ROLE_NOUNS | OCCUPATION_WORDS | PERSONAL_TITLES | words(
    "administrator commissioner spokesperson adviser advisor aide deputy ceo cfo chairwoman treasurer "
    "economist analyst researcher scientist professor engineer astronaut pilot"
) - words("rail office shop care factory construction state general")

# Offices a person holds in a body ("Brightwater's chief executive", "union general secretary Gareth Pryce",
# "Cubs owner Tom Ricketts"): what the holder does as such, the body does (see affiliations.py).
OFFICE_NOUNS: frozenset[str] = words(
    "executive chairman chairwoman chair president director head manager coach secretary administrator "
    "commissioner treasurer founder boss ceo cfo coo spokesman spokeswoman spokesperson chief officer leader "
    "captain editor principal trustee owner governor"
)

# Nouns for a person of a nation where news writes the person otherwise than the adjective ("the Swede", "the
# Frenchman"); the others are the demonym itself ("the American", "the Brazilian").
NATIONAL_PERSON_NOUNS: frozenset[str] = words(
    "swede dane finn pole scot briton brit spaniard turk croat serb kiwi aussie icelander luxembourger "
    "frenchman frenchwoman englishman englishwoman dutchman dutchwoman irishman irishwoman welshman welshwoman "
    "scotsman scotswoman"
)

# What a body does that a place or a thing does not, in a relative clause after its name ("Harlow Health,
# which runs three hospitals"): an unrecognised name so described is an organisation's.
WHAT_BODIES_DO: frozenset[str] = words(
    "run operate own employ manage represent provide supply produce manufacture sell publish"
)

# Reporting verbs: "X said on Monday that Y" reports X's saying; the content is a separate happening.
SPEECH_VERBS: frozenset[str] = words(
    "say tell add stress announce state declare claim note warn report confirm deny insist explain write "
    "tweet post accuse call describe argue suggest acknowledge admit reveal"
)

# Nouns for made things a name may stand for ("the Tern-1 satellite", "Tern-1, a satellite"): its name is a
# product's, an actor of its own kind.
PRODUCT_NOUNS: frozenset[str] = words(
    "satellite rocket spacecraft capsule lander rover telescope aircraft airliner jet plane helicopter drone "
    "ship vessel tanker ferry submarine warship car suv truck vehicle phone smartphone handset laptop tablet "
    "console chip processor drug medicine vaccine pill bar"
)

# Words that join a name's parts: a name holding one has no first word of its own.
NAME_LINK_WORDS: frozenset[str] = words("of for and & the de del la le von van")
# First words many bodies' names share: never one body's short name.
GENERIC_NAME_WORDS: frozenset[str] = words(
    "national federal royal new general united international american british european central state city "
    "county regional global world first north south east west northern southern eastern western great greater "
    "republican democratic labour conservative liberal"
)


# Plural nouns that refer to two actors the article has named, and the kinds of actor they can be.
_ANY_PARTY = frozenset({"person", "organisation", "place"})
PAIR_NOUNS: dict[str, frozenset[str]] = {
    **dict.fromkeys(words("sides parties"), _ANY_PARTY),
    **dict.fromkeys(words("companies firms"), frozenset({"organisation"})),
    **dict.fromkeys(words("countries nations governments"), frozenset({"place"})),
}


# Nouns of talks, held between parties ("the talks began", "pay negotiations are due to start"): the two the
# article names most, of any kind, when the noun names no party itself.
TALKS_NOUNS: dict[str, frozenset[str]] = dict.fromkeys(words("talks negotiations"), _ANY_PARTY)


# Nouns for a road a model-like name may label ("the I-75 corridor", "the M25 motorway"): no product.
ROUTE_WORDS: frozenset[str] = words("corridor highway interstate motorway freeway route expressway")

# Words that say what sort of made thing it is, not which one ("the Indian Naval ship", "a military plane").
SORT_WORDS: frozenset[str] = words("naval navy military royal air")

# News agencies and picture credits that captions and datelines glue to names ("Obama AP", "London Reuters").
# Only agency names that are no one's name: "Bloomberg" or "Rex" would cut "Michael Bloomberg" short.
CREDIT_WORDS: frozenset[str] = words("AP AFP Reuters REUTERS EPA PA Getty GETTY Xinhua")

# Nouns that name who makes or owns a brand ("Crunchie maker Bellweather Foods", "the owner of Crunchie").
MAKER_NOUNS: frozenset[str] = words(
    "maker makers owner owners manufacturer manufacturers producer producers"
)

# A modifier that makes an organisation noun its brand's owner ("Crunchie's parent company, Bellweather").
PARENT_WORDS: frozenset[str] = words("parent")

# Verbs (lemmas) that state who makes or owns a brand ("Bellweather, which makes Crunchie", "owned by ...").
MAKER_VERBS: frozenset[str] = words("make own manufacture produce")

# Nouns a brand's name modifies without being anything else ("the Crunchie brand", "its Crunchie label").
BRAND_NOUNS: frozenset[str] = words("brand brands label labels")

# Relative pronouns that stand for the noun their clause hangs on ("Bellweather, which makes Crunchie").
RELATIVE_PRONOUNS: frozenset[str] = words("which that who")

# Nouns that name a body by its kind ("Competition Authority", "Brightwater Hospice", "River Aske"): "the
# authority", "the hospice", "the river" refer back to the body of the article whose name has that word,
# however far back it was named.
BODY_KIND_NOUNS: frozenset[str] = words(
    "authority council hospice charity agency service tribunal court board commission ministry department "
    "committee club university college school hospital trust foundation party union bank police constabulary "
    "inquiry regulator watchdog river lake bridge station airport association federation league alliance "
    "coalition administration bureau institute operator port museum gallery prison theatre orchestra library"
)

# Nouns that say a name is a body's when they stand in apposition with it ("Pellbrook Freight, the haulier").
BODY_NOUNS: frozenset[str] = ORGANISATION_NOUNS | BODY_KIND_NOUNS | ORGANISATION_HEADS - words("side team river lake bridge station airport")

# Last words of a body named after the place it serves ("Northvale Council", "Westmoor Police", "Dunmere Crown
# Court"): its first word alone is the place, not the body; other names' first word is their short name
# ("Halvard" of "Halvard Logistics", "Brightwater" of "Brightwater Hospice").
PLACE_SERVED_HEADS: frozenset[str] = words(
    "council police constabulary court courts authority service services assembly parliament government "
    "county borough district city town hall hospital hospitals university college school airport station "
    "cathedral church ambulance fire"
)

# Generic first words of a natural feature's name: "the Aske" and "Aske" are the River Aske.
FEATURE_WORDS: frozenset[str] = words("river lake loch mount mountain")

# Last words of a street's or a district's name: a place, never a person or a body ("Mill Lane", "Ashdown Road").
STREET_WORDS: frozenset[str] = words(
    "street st road rd lane avenue ave drive crescent terrace grove mews boulevard parade"
)

# Institutions named after a saint or a person with a possessive ("St Anne's School"): the whole is a place.
INSTITUTION_WORDS: frozenset[str] = words(
    "school college academy church cathedral chapel hospital hospice infirmary"
)

# Plural nouns for the people of a kind of body, who act as it ("Firefighters pumped water", "officers arrested
# him") -> words of that body's name.
BODY_MEMBER_NOUNS: dict[str, frozenset[str]] = {
    "firefighters": words("fire"),
    "crews": words("fire"),
    "officers": POLICE_NAME_WORDS,
    "detectives": POLICE_NAME_WORDS,
    "paramedics": words("ambulance"),
    "members": words("union"),  # a union acts through its members' votes ("Members will vote on the deal")
    "strikers": words("union"),
}

# Last words that make a name a body's, never a person's, whatever the recogniser or a person's verb suggests
# ("Brightwater Hospice", "Rainford Council met ..."). Words that are also surnames (Court, Lake, Bridge) are left out.
BODY_NAME_ENDINGS: frozenset[str] = words(
    "authority council hospice charity agency service tribunal commission ministry department committee "
    "club university college school hospital foundation police constabulary regulator watchdog freight "
    "logistics united rovers athletic wanderers rangers fc afc shipping airways airlines motors foods media "
    "union association federation league alliance coalition administration bureau institute board operators "
    "automotive health healthcare energy utilities pharma pharmaceuticals therapeutics biosciences biotech labs "
    "laboratories technologies telecom ventures insurance securities investments properties mining minerals "
    "railways aerospace studios robotics museum gallery orchestra systems capital partners networks solutions "
    "brands resources communications electronics software optics group holdings trust bank air steel coal "
    "gold copper metals chemicals oil petroleum power water rail transport"
)

# Kind nouns that a body's name does not use but its kind word does: "the watchdog" of "the Competition
# Authority", "the force" of "Westmoor Police".
KIND_NOUN_NAME_WORDS: dict[str, frozenset[str]] = {
    "watchdog": words("authority commission regulator ombudsman office"),
    "regulator": words("authority commission ombudsman office"),
    "force": POLICE_NAME_WORDS,
    "hospital": words("infirmary trust"),
}

# What one holds "in" a company: "Shares in Pellbrook fell" names the company, not a place.
HOLDING_NOUNS: frozenset[str] = words("share shares stake stakes holding holdings investment investments")

"""Holidays: tables of (text, publication date, expression, value), the day rules of patterns.HOLIDAYS, and the
names that look like holidays but are not dates."""

from datetime import date

import pytest

from services.extraction.timex import patterns as P
from services.extraction.timex import tag_text
from services.extraction.timex.calendar import easter_sunday, holiday_on

SAT = date(2016, 11, 12)  # a Saturday between Remembrance Sunday and US Thanksgiving
WED = date(2021, 4, 7)  # the Wednesday after Easter 2021 (April 4)

BY_TENSE = [
    # a holiday ending in a weekday, "Day", "Night" or "Eve" is one expression; the tense picks its year
    ("Bargain hunters queued outside the mall on Black Friday.", SAT, "Black Friday", "2015-11-27"),
    ("The mall will open at dawn on Black Friday.", SAT, "Black Friday", "2016-11-25"),
    ("Online retailers slashed prices on Cyber Monday.", SAT, "Cyber Monday", "2015-11-30"),
    ("The village laid wreaths on Remembrance Sunday.", SAT, "Remembrance Sunday", "2015-11-08"),
    ("Pipers will play on Remembrance Sunday.", SAT, "Remembrance Sunday", "2016-11-13"),
    ("Poppies were sold until Remembrance Day.", SAT, "Remembrance Day", "2016-11-11"),
    ("Three senators dropped out after Super Tuesday.", SAT, "Super Tuesday", "2016-03-01"),
    ("The new candidate expects to win on Super Tuesday.", SAT, "Super Tuesday", "2020-03-03"),
    ("Priests marked foreheads with ash on Ash Wednesday.", SAT, "Ash Wednesday", "2016-02-10"),
    ("The choir sang on Good Friday.", SAT, "Good Friday", "2016-03-25"),
    ("The bakery ran out of buns on Palm Sunday.", SAT, "Palm Sunday", "2016-03-20"),
    ("The lifeboat crew rescued two walkers on Easter Monday.", WED, "Easter Monday", "2021-04-05"),
    ("We will hunt for eggs on Easter Sunday.", SAT, "Easter Sunday", "2017-04-16"),
    ("My brother sent flowers on Mother's Day.", SAT, "Mother's Day", "2016-05-08"),
    ("Grandad got a new tie on Fathers Day.", SAT, "Fathers Day", "2016-06-19"),
    ("The children lit sparklers on Guy Fawkes Night.", SAT, "Guy Fawkes Night", "2016-11-05"),
    ("A rocket hit a shed on Bonfire Night.", SAT, "Bonfire Night", "2016-11-05"),
    ("The brewery closed on Memorial Day.", SAT, "Memorial Day", "2016-05-30"),
    ("The union rallied on Labor Day.", SAT, "Labor Day", "2016-09-05"),
    ("The museum waived its fee on Presidents' Day.", SAT, "Presidents' Day", "2016-02-15"),
    ("The mayor spoke at a breakfast on Martin Luther King Jr. Day.", SAT, "Martin Luther King Jr. Day",
     "2016-01-18"),
    ("Protesters gathered downtown on Columbus Day.", SAT, "Columbus Day", "2016-10-10"),
    ("The derby was played on Boxing Day.", SAT, "Boxing Day", "2015-12-26"),
    ("The derby will be played on Boxing Day.", SAT, "Boxing Day", "2016-12-26"),
    ("A barbecue set the fence alight on Independence Day.", SAT, "Independence Day", "2016-07-04"),
    ("A parade crossed Paris on Bastille Day.", SAT, "Bastille Day", "2016-07-14"),
    ("The river was dyed green on St Patrick's Day.", SAT, "St Patrick's Day", "2016-03-17"),
    ("Pumpkins were smashed on Halloween.", SAT, "Halloween", "2016-10-31"),
    ("Queues formed outside polling stations on election day.", SAT, "election day", "2016-11-08"),
    ("The chapel was full on All Saints' Day.", SAT, "All Saints' Day", "2016-11-01"),
    ("Families carved turkey on Thanksgiving.", SAT, "Thanksgiving", "2015-11-26"),
    ("Families will carve turkey on Thanksgiving.", SAT, "Thanksgiving", "2016-11-24"),
    # holidays follow the clause's tense as weekdays and months do
    ("The couple eloped on New Year's Eve.", SAT, "New Year's Eve", "2015-12-31"),
    ("The band will play on New Year's Eve.", SAT, "New Year's Eve", "2016-12-31"),
    ("My cousin proposed on Valentine's Day.", SAT, "Valentine's Day", "2016-02-14"),
    ("They got engaged on Valentine's Day.", SAT, "Valentine's Day", "2016-02-14"),
    ("Snow fell on Christmas Day.", SAT, "Christmas Day", "2015-12-25"),
    ("Snow may fall on Christmas Day.", SAT, "Christmas Day", "2016-12-25"),
    # a year, a modifier, a week, a weekend, an eve or a part of the day
    ("The two armies played football at Christmas 1914.", SAT, "Christmas 1914", "1914-12-25"),
    ("Turnout was low at Thanksgiving 2015.", SAT, "Thanksgiving 2015", "2015-11-26"),
    ("The truce began on Christmas Eve of 1914.", SAT, "Christmas Eve of 1914", "1914-12-24"),
    ("She will fly home for Easter next year.", SAT, "Easter next year", "2017-04-16"),
    ("Last Halloween the street was packed.", SAT, "Last Halloween", "2016-10-31"),
    ("The roads jammed over Memorial Day weekend.", SAT, "Memorial Day weekend", "2016-W21-WE"),
    ("The inn was full for Thanksgiving weekend.", SAT, "Thanksgiving weekend", "2015-W48-WE"),
    ("The shops were busy in Easter week.", SAT, "Easter week", "2016-W12"),
    ("We opened our gifts on Christmas morning.", SAT, "Christmas morning", "2015-12-25TMO"),
    ("Sirens wailed all through Halloween night.", SAT, "Halloween night", "2016-10-31TNI"),
    ("Pies sold out on Thanksgiving Eve.", SAT, "Thanksgiving Eve", "2015-11-25"),
    # a date after the name says which
    ("The king was crowned on Christmas Day, December 25, 1066.", SAT, "Christmas Day, December 25, 1066",
     "1066-12-25"),
    ("He was shot on Good Friday, April 14, 1865.", SAT, "Good Friday, April 14, 1865", "1865-04-14"),
    # the landings, when nothing says another decisive day is meant
    ("Paratroopers dropped behind the beaches on D-Day.", SAT, "D-Day", "1944-06-06"),
    ("Planning for D-Day took most of 1943.", SAT, "D-Day", "1944-06-06"),
    ("Veterans gathered in 2014 to mark the anniversary of D-Day.", SAT, "D-Day", "1944-06-06"),
    ("In 2014 the old soldiers relived their D-Day on the Normandy beaches.", SAT, "D-Day", "1944-06-06"),
    # informal spellings
    ("xmas eve at my nans was the best", SAT, "xmas eve", "2015-12-24"),
    ("cant wait for black friday deals", SAT, "black friday", "2016-11-25"),
    ("took my mum out for lunch on mothers day", SAT, "mothers day", "2016-05-08"),
]


@pytest.mark.parametrize(("text", "dct", "expression", "value"), BY_TENSE)
def test_holiday_value(text, dct, expression, value):
    found = {t.text: t.value for t in tag_text(text, dct)}
    assert found.get(expression) == value, found


NOT_A_HOLIDAY_DATE = [
    # part of another name; another country's day; the decisive day of something else
    ("The Good Friday Agreement ended decades of violence.", "Friday"),
    ("The Good Friday Agreement ended decades of violence.", "Good Friday"),
    ("Cruise ships anchor off Easter Island.", "Easter"),
    ("Crowds filled the streets for Mexico's Independence Day.", "Independence Day"),
    ("The union's D-Day for the strike ballot is Monday.", "D-Day"),
    ("In 2019 the club reached its D-Day.", "D-Day"),
    ("The referendum in 2016 was D-Day for the prime minister.", "D-Day"),
    ("Traders braced for Budget D-Day.", "D-Day"),
    # a common word unless capitalised
    ("She had an epiphany on the train.", "epiphany"),
    ("The rebels marked the nation's independence day with a march.", "independence day"),
]


@pytest.mark.parametrize(("text", "expression"), NOT_A_HOLIDAY_DATE)
def test_not_a_holiday_date(text, expression):
    assert expression not in {t.text for t in tag_text(text, SAT)}


def test_canadian_thanksgiving_is_in_october():
    found = {t.text: t.value for t in tag_text("We drove north for Canadian Thanksgiving.", SAT)}
    assert found == {"Canadian Thanksgiving": "2016-10-10"}


RULE_DAYS = [  # (rule, year, day): each kind of rule of patterns.HOLIDAYS
    ("12-25", 2030, date(2030, 12, 25)),
    ("11 Thu#4", 2018, date(2018, 11, 22)),
    ("11 Thu#4 +1", 2018, date(2018, 11, 23)),
    ("05 Mon#-1", 2021, date(2021, 5, 31)),
    ("easter -2", 2019, date(2019, 4, 19)),
    ("easter -21", 2019, date(2019, 3, 31)),
    ("03 Tue#1 quadrennial:0", 2024, date(2024, 3, 5)),
    ("03 Tue#1 quadrennial:0", 2023, None),
    ("11 Mon#1 +1", 2022, date(2022, 11, 8)),
]


@pytest.mark.parametrize(("rule", "year", "day"), RULE_DAYS)
def test_holiday_rule_day(rule, year, day):
    assert holiday_on(rule, year) == day


@pytest.mark.parametrize("year", [2000, 2011, 2019, 2024, 2038])
def test_easter_is_a_sunday_between_march_22_and_april_25(year):
    d = easter_sunday(year)
    assert d.isoweekday() == 7 and date(year, 3, 22) <= d <= date(year, 4, 25)


def test_every_holiday_rule_gives_a_day():
    for name, rule in P.HOLIDAYS.items():
        assert any(holiday_on(rule, y) for y in range(2020, 2024)), name

"""A brand's maker or owner, as the article states it, takes part in what the article tells of the brand."""

from datetime import date

import pytest

from services.extraction.actors import resolve_actors
from services.extraction.nlp import load_pipeline
from services.extraction.pipeline import extract

PUBLISHED = date(2025, 3, 12)  # a Wednesday
BRAND_NEWS = "Crunchie announced on Monday that the bar would shrink."


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def brand_event(text):
    """The article's one event that tells the brand's announcement."""
    (event,) = [e for e in extract(text, PUBLISHED).events if e.trigger == "announce"]
    return event


@pytest.mark.parametrize(
    ("relation", "maker"),
    [
        ("Crunchie maker Bellweather Foods has 4,000 staff.", "Bellweather Foods"),
        ("Bellweather Foods, the maker of Crunchie, has 4,000 staff.", "Bellweather Foods"),
        ("Crunchie, which is made by Bellweather Foods, is sold in 30 countries.", "Bellweather Foods"),
        ("Crunchie, owned by Bellweather Foods, is sold in 30 countries.", "Bellweather Foods"),
        ("Bellweather Foods sells sweets. Bellweather-owned Crunchie is sold in 30 countries.", "Bellweather Foods"),
        ("Crunchie's parent company, Bellweather Foods, has 4,000 staff.", "Bellweather Foods"),
        ("Bellweather Foods, which makes Crunchie, has 4,000 staff.", "Bellweather Foods"),
        ("Crunchie's owner Bellweather Foods has 4,000 staff.", "Bellweather Foods"),
        ("Harrow Mills Group, which owns Crunchie and Fizzbar, has 4,000 staff.", "Harrow Mills Group"),
        ("A spokesman for Harrow Mills Group, the company that owns the Crunchie brand, declined to comment.",
         "Harrow Mills Group"),
    ],
)
def test_the_maker_the_article_names_takes_part_in_the_brands_events(relation, maker):
    event = brand_event(f"{relation} {BRAND_NEWS}")
    assert event.actors[:2] == ("Crunchie", maker)  # the brand kept, its maker beside it


@pytest.mark.parametrize(
    "relation",
    [
        "Bellweather Foods is a large company. Crunchie is sold in 30 countries.",  # no relation stated
        "Crunchie, which was owned by Bellweather Foods until 2010, is sold in 30 countries.",  # no longer
        "Bellweather Foods does not make Crunchie.",  # denied
        "Crunchie owner Tom Ricketts has 4,000 staff.",  # a person owns it: he does not speak for the brand
    ],
)
def test_without_a_stated_present_maker_the_brand_acts_alone(relation):
    event = brand_event(f"{relation} {BRAND_NEWS}")
    assert event.actors == ("Crunchie",)


@pytest.mark.parametrize(
    ("text", "makers"),
    [
        ("Harrow Mills Group, which owns Crunchie and Fizzbar, has 4,000 staff.",
         {"Crunchie": "Harrow Mills Group", "Fizzbar": "Harrow Mills Group"}),
        # two companies said to own one brand: the article leaves it open, so neither is its maker
        ("Crunchie, owned by Harrow Mills Group, is popular. Crunchie maker Bellweather Foods has 4,000 staff.", {}),
    ],
)
def test_the_relation_is_read_from_the_article_alone(nlp, text, makers):
    assert resolve_actors(nlp(text)).makers == makers


@pytest.mark.parametrize(
    "text",
    [
        "Bellweather officials said on Monday that the bar would shrink.",
        "A Bellweather spokesman said on Monday that the bar would shrink.",
        "The bar would shrink, a Bellweather spokeswoman told the Daily Courier on Monday.",
        "Bellweather executives met union leaders on Monday.",
    ],
)
def test_the_company_named_by_its_first_word_speaks_through_its_people(text):
    (event,) = extract(f"Crunchie maker Bellweather Foods has 4,000 staff. {text}", PUBLISHED).events
    assert "Bellweather Foods" in event.actors and "Bellweather" not in event.actors


def test_former_officials_no_longer_speak_for_the_company():
    text = "Crunchie maker Bellweather Foods has 4,000 staff. Former Bellweather executives wrote to MPs on Monday."
    (event,) = [e for e in extract(text, PUBLISHED).events if "Monday" in e.sentence]
    assert "Bellweather Foods" not in event.actors


def test_a_first_word_two_companies_share_names_neither(nlp):
    text = "Bellweather Foods and Bellweather Trust were named. Bellweather officials said on Monday that it was over."
    names = {actor.name for actor in resolve_actors(nlp(text)).actors}
    assert names == {"Bellweather Foods", "Bellweather Trust", "Bellweather"}


@pytest.mark.parametrize(
    ("brand_news", "maker_takes_part"),
    [
        ("Crunchie was withdrawn from shops on Monday.", True),  # the brand is acted on by no one else
        ("Crunchie cut the price and announced on Monday that the bar would shrink.", True),
        ("Shoppers complained about Crunchie on Monday.", False),  # others act; the brand is what they speak of
        ("Crunchie was first sold in 1929.", False),  # today's owner need not have owned it then
        ("Crunchie cut prices on Monday, Bellweather Foods said.", False),  # the maker only reports it
    ],
)
def test_the_maker_acts_where_the_brand_acts_and_lately(brand_news, maker_takes_part):
    text = f"Crunchie maker Bellweather Foods has 4,000 staff. {brand_news}"
    (event,) = [e for e in extract(text, PUBLISHED).events if "Crunchie maker" not in e.sentence]
    assert ("Bellweather Foods" in event.actors) is maker_takes_part


def test_a_clubs_owner_plays_no_part_in_its_results():
    text = "Dunmore Rovers owner Kestrel Holdings Ltd has big plans. Dunmore Rovers beat Harwick Town 2-1 on Saturday."
    (event,) = extract(text, PUBLISHED).events
    assert event.type == "sports" and "Kestrel Holdings Ltd" not in event.actors

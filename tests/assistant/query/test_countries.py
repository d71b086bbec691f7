"""Countries read from a question's names and from a document's text."""

from __future__ import annotations

import pytest

from assistant.query.countries import home_country_names, is_country, names_a_country


@pytest.mark.parametrize("name", ["India", "U.S", "U.S.", "USA", "Canadian", "United Kingdom"])
def test_names_codes_and_demonyms_are_countries(name):
    assert is_country(name)


@pytest.mark.parametrize("name", ["Georgia", "AI", "IT", "Quorvex", "Hawaii"])
def test_states_undotted_two_letter_acronyms_and_companies_are_not(name):
    assert not is_country(name)


def test_a_text_names_a_country_by_name_demonym_plural_or_dotted_code_not_by_a_lower_case_word():
    assert names_a_country("The Chinese firm cut 300 jobs.")
    assert names_a_country("Hiring slowed across the U.S. last month.")
    assert names_a_country("Relief payments for Australians rose.")
    assert names_a_country("EMPLOYMENT IN BRAZIL")
    assert not names_a_country("Employers added 9,000 jobs, e.g. in retail, the turkey farm included.")


def test_the_home_country_is_named_by_its_name_codes_or_demonym_and_another_country_is_not():
    assert home_country_names("How many jobs did U.S. employers add?") == {"U.S"}
    assert home_country_names("Jobs in the United States in May?") == {"United", "States"}
    assert home_country_names("How many days' notice does New Jersey's law require?") == set()
    assert home_country_names("Layoffs in the USA and Canada in 2031?") == {"USA"}
    assert home_country_names("How many American workers filed claims?") == {"American"}
    assert home_country_names("How many jobs were cut in India and Canada?") == set()

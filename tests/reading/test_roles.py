"""Section roles from what a heading means, in Finnish and Swedish, with the reason given."""

from __future__ import annotations

import pytest

from totudocs.reading import section_roles
from totudocs.reading.roles import SectionRoles

HEADINGS = [
    ("Jatkotoimet", "next-steps"),
    ("Näin toimit jatkossa", "next-steps"),
    ("Toimintaohjeet", "next-steps"),
    ("Mitä sinun pitää tehdä seuraavaksi", "next-steps"),
    ("Nästa steg", "next-steps"),
    ("Fortsatta åtgärder", "next-steps"),
    ("Selvitykset", "evidence"),
    ("Asiakirjat, joihin päätös perustuu", "evidence"),
    ("Utredningar", "evidence"),
    ("Lainkohdat", "provisions"),
    ("Sovelletut säännökset", "provisions"),
    ("Rättsregler", "provisions"),
    ("Tillämpade bestämmelser", "provisions"),
    ("Oikaisuvaatimusohje", "review"),
    ("Jos olet eri mieltä päätöksestä", "review"),
    ("Anvisning om begäran om omprövning", "review"),
    ("Päätöksen perustelut", "justification"),
    ("Motivering", "justification"),
    ("Nämä laskut maksat itse", "own-share"),
    ("Dessa räkningar betalar du själv", "own-share"),
    ("Sosiaalihuollon lausunto", "statements"),
    ("Socialvårdens utlåtande", "statements"),
    ("Laskelma", "calculation"),
    ("Beräkning", "calculation"),
    ("Lisätietoja", "contact"),
    ("Kontaktuppgifter", "contact"),
    ("Liitteet", "attachments"),
    ("Bilagor", "attachments"),
    ("Asiakkaan kuuleminen", "hearing"),
]


@pytest.mark.parametrize(("heading", "role"), HEADINGS)
def test_a_heading_gets_its_role_from_its_meaning(heading: str, role: str) -> None:
    match = section_roles().classify(heading)
    assert match is not None and match.role == role, (heading, match)
    assert "names " + role in match.reason  # the reason says which word decided it


@pytest.mark.parametrize("heading", ["Lääkärinlausunto", "Läkarutlåtande", "Henkilötiedot"])
def test_a_heading_that_names_no_section_gets_none(heading: str) -> None:
    """A doctor's statement is a certificate: the compound's other part rules it out."""
    assert section_roles().classify(heading) is None


def test_configuration_extends_the_vocabulary() -> None:
    assert section_roles().classify("Askelmerkit") is None
    extended = section_roles({"next-steps": ["askelmerkki"]})
    match = extended.classify("Askelmerkit")
    assert isinstance(extended, SectionRoles) and match is not None
    assert match.role == "next-steps"


def test_an_unknown_role_in_configuration_is_an_error(tmp_path) -> None:
    from totudocs.config import load_config
    from totudocs.lint.engine import LintContext

    (tmp_path / "totudocs.toml").write_text('[lint.section_roles]\nnext-step = ["x"]\n')
    with pytest.raises(ValueError, match="unknown role"):
        LintContext.from_config(load_config(tmp_path / "totudocs.toml"))

"""A commented YAML skeleton that tells the social worker what Kela needs in each field."""

from __future__ import annotations

from datetime import date

GUIDANCE = {
    "fi": {
        "head": "Sosiaalihuollon lausunto Kelalle (toimeentulotukilaki 15 §). Täytä kentät ja "
        "tarkista: totudocs statement check TÄMÄ.yaml",
        "client": "Asiakkaan nimi ja henkilötunnus",
        "organiser": "Hyvinvointialue ja yksikkö (asiakastietolaki 38 §)",
        "author": "Lausunnon antaja: nimi, ammattinimike ja puhelin",
        "expense_type": "Menon laji, jonka laki tuntee: esim. muuttokustannukset, lääkemenot",
        "circumstances": "Asiakkaan tilanne: missä ja kenen kanssa asuu, tulot, terveys – vain "
        "se, mitä Kela tarvitsee",
        "individual_need": "Mitä asiakas tarvitsee ja miksi juuri hän: summat ja päivämäärät",
        "housing": "Asumismenot: suunnitelma tilanteen muuttamiseksi ja sen aikataulu",
        "reduction_grounds": "Perusosan alentamiseen vaikuttavat seikat",
        "urgency_grounds": "Miksi asia on kiireellinen: mitä tapahtuu, jos tukea ei saa heti",
        "grounds": "Arviosi ja ehdotuksesi Kelalle. Ei pelkkää 'kokonaistilanteen perusteella'",
        "period": "Aika, jota lausunto koskee",
        "hearing": "Asiakasta on kuultava, ja hänelle on kerrottava lausunnon sisältö",
    },
    "sv": {
        "head": "Socialvårdens utlåtande till FPA (lagen om utkomststöd 15 §). Fyll i fälten och "
        "kontrollera: totudocs statement check DENNA.yaml",
        "client": "Klientens namn och personbeteckning",
        "organiser": "Välfärdsområde och enhet (klientdatalagen 38 §)",
        "author": "Den som ger utlåtandet: namn, yrkesbeteckning och telefon",
        "expense_type": "Utgiftens art enligt lagen: t.ex. flyttkostnader, läkemedel",
        "circumstances": "Klientens situation: bara det som FPA behöver",
        "individual_need": "Vad klienten behöver och varför: belopp och datum",
        "housing": "Boendeutgifter: plan för att ändra situationen och tidtabell",
        "reduction_grounds": "Omständigheter som påverkar sänkningen av grunddelen",
        "urgency_grounds": "Varför ärendet är brådskande",
        "grounds": "Din bedömning och ditt förslag till FPA. "
        "Inte bara 'utifrån en helhetsbedömning'",
        "period": "Tiden som utlåtandet gäller",
        "hearing": "Klienten ska höras och informeras om innehållet",
    },
}


def skeleton(category: str, language: str = "fi", today: date | None = None) -> str:
    g = GUIDANCE[language]
    today = today or date.today()
    lines = [
        f"# {g['head']}",
        "document: statement",
        "case_id: LAUS-0001",
        f"language: {language}",
        f"category: {category}  # other_basic_expenses | basic_amount_reduction | urgency",
        f"# {g['client']}",
        "client:",
        "  name: ''",
        "  hetu: ''",
        f"# {g['organiser']}",
        "organiser:",
        "  name: ''",
        "  unit: ''",
        f"# {g['author']}",
        "author:",
        "  name: ''",
        "  title: ''",
        "  phone: ''",
        f"date: {today.isoformat()}",
    ]
    if category == "other_basic_expenses":
        lines += [f"# {g['expense_type']}", "expense_type: ''"]
    lines += [
        f"# {g['circumstances']}",
        "circumstances: ''",
        f"# {g['individual_need']}",
        "individual_need: ''",
    ]
    if category == "other_basic_expenses":
        lines += [
            f"# {g['housing']}",
            "housing_costs: false",
            "housing_plan: ''",
            "housing_timetable: null",
        ]
    if category == "basic_amount_reduction":
        lines += [f"# {g['reduction_grounds']}", "reduction_grounds: ''"]
    if category == "urgency":
        lines += [f"# {g['urgency_grounds']}", "urgency_grounds: ''"]
    lines += [
        f"# {g['grounds']}",
        "grounds: ''",
        f"# {g['period']}",
        "period:",
        f"  start: {today.isoformat()}",
        f"  end: {today.isoformat()}",
        f"# {g['hearing']}",
        "client_heard: false",
        "heard_date: null",
        "client_informed: false",
    ]
    return "\n".join(lines) + "\n"

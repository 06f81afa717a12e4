"""Synthetic, realistic and varied decision cases for benchmarks and tests (fi and sv, all kinds).

Henkilötunnus individual numbers are 900-999, a range never issued to real people. With
``invalid_rate`` some cases are broken on purpose, each in one of the ways users break them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from totudocs.model.hetu import make_hetu

FIRST = [
    "Mikko",
    "Aino",
    "Sami",
    "Leena",
    "Johanna",
    "Oskar",
    "Karin",
    "Jussi",
    "Outi",
    "Eero",
    "Maria",
    "Anna",
    "Tuomas",
    "Elias",
    "Helmi",
    "Ville",
]
LAST = [
    "Virtanen",
    "Korhonen",
    "Mäkelä",
    "Nieminen",
    "Björk",
    "Holmström",
    "Nylund",
    "Lehtonen",
    "Rantanen",
    "Laine",
    "Heikkinen",
    "Salminen",
    "Lindholm",
    "Koskinen",
]
KELA_UNITS = [
    "Tampereen palveluryhmä",
    "Oulun palveluryhmä",
    "Turun palveluryhmä",
    "Helsingin palveluryhmä",
    "Vaasan palveluryhmä",
]
COUNTIES = [
    ("Pirkanmaan hyvinvointialue", "Pirkanmaan hyvinvointialueen yksilöasioiden jaosto"),
    ("Österbottens välfärdsområde", "Österbottens välfärdsområdes sektion för individärenden"),
    ("Pohjois-Savon hyvinvointialue", "Pohjois-Savon hyvinvointialueen yksilöasioiden jaosto"),
]
INVALID_KINDS = ["hetu", "negative", "dates", "result", "unknown_field", "wrong_type"]


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2))).quantize(Decimal("0.01"))


def synth_case(index: int, rng: random.Random) -> dict[str, Any]:
    language = "sv" if rng.random() < 0.25 else "fi"
    kind = rng.choices(["basic", "supplementary", "preventive"], [0.8, 0.15, 0.05])[0]
    decided = date(2026, 1, 5) + timedelta(days=rng.randrange(300))
    start = decided.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
    person = {
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "hetu": make_hetu(born, 900 + index % 100),
        "age_group": "adult",
    }
    contact = {
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "title": "etuuskäsittelijä" if language == "fi" else "förmånshandläggare",
        "phone": "020 692 207",
    }
    automated = kind == "basic" and rng.random() < 0.15
    if kind == "basic":
        issuer = {
            "type": "kela",
            "name": "Kela" if language == "fi" else "FPA",
            "unit": rng.choice(KELA_UNITS),
        }
    else:
        county, body = rng.choice(COUNTIES)
        issuer = {
            "type": "county",
            "name": county,
            "unit": "Aikuissosiaalityö",
            "address": f"{county}, kirjaamo",
            "review_body": body,
        }
    if not automated:
        issuer["contact"] = contact
    decision_maker = {
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "title": {
            ("basic", "fi"): "etuuskäsittelijä",
            ("basic", "sv"): "förmånshandläggare",
        }.get((kind, language), "sosiaalityöntekijä" if language == "fi" else "socialarbetare"),
    }
    case: dict[str, Any] = {
        "case_id": f"SYN-{index:07d}",
        "kind": kind,
        "language": language,
        "issuer": issuer,
        **({} if automated else {"decision_maker": decision_maker}),
        "decision_date": decided.isoformat(),
        "application_received": (decided - timedelta(days=rng.randrange(1, 7))).isoformat(),
        "applicant": person,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "automated": automated,
    }
    if kind == "basic":
        rent = _money(rng.uniform(350, 950))
        expenses = [
            {"category": "basic_amount", "requested": "587.00", "accepted": "587.00"},
            {"category": "rent", "requested": str(rent), "accepted": str(rent)},
            {"category": "electricity", "requested": "45.00", "accepted": "45.00"},
        ]
        income = _money(rng.uniform(200, 900))
        accepted = Decimal("587.00") + rent + Decimal("45.00")
        result = accepted - income
        case["calculation"] = {
            "expenses": expenses,
            "incomes": [{"source": "työmarkkinatuki", "amount": str(income)}],
            "result": str(result),
        }
        if result > 0:
            case["outcomes"] = [
                {
                    "item": "Perustoimeentulotuki",
                    "category": "basic_amount",
                    "requested": str(result),
                    "outcome": "granted",
                    "amount": str(result),
                }
            ]
            pay_landlord = rng.random() < 0.3
            payments = [
                {
                    "payee": "client",
                    "purpose": "perustoimeentulotuki",
                    "amount": str(result),
                    "date": (decided + timedelta(days=1)).isoformat(),
                }
            ]
            if pay_landlord and result > 100:
                to_landlord = _money(min(float(rent), float(result) - 50))
                payments = [
                    {
                        "payee": "landlord",
                        "payee_name": "Vuokranantaja Oy",
                        "purpose": "vuokra",
                        "amount": str(to_landlord),
                        "date": (decided + timedelta(days=1)).isoformat(),
                    },
                    {
                        "payee": "client",
                        "purpose": "perustoimeentulotuki",
                        "amount": str(result - to_landlord),
                        "date": (decided + timedelta(days=1)).isoformat(),
                    },
                ]
                case["own_share"] = [
                    {
                        "bill": "Vuokran loppuosa",
                        "amount": str(rent - to_landlord),
                        "due_date": (decided + timedelta(days=10)).isoformat(),
                    }
                ]
            case["payments"] = payments
        else:
            case["outcomes"] = [
                {
                    "item": "Perustoimeentulotuki",
                    "category": "basic_amount",
                    "requested": str(accepted),
                    "outcome": "denied",
                    "amount": "0.00",
                    "discretion": "surplus",
                }
            ]
            case["discretion"] = [
                {
                    "id": "surplus",
                    "item": "Tulot",
                    "decided": "Et saa tukea tälle kuukaudelle.",
                    "facts": [f"Tulosi ovat {income} € ja hyväksytyt menot {accepted} €."],
                    "provisions": ["toimeentulotukilain 9 §"],
                    "justification": f"Tulosi ovat {-result} € suuremmat kuin hyväksytyt menot.",
                }
            ]
            if automated:
                case["human_assessment"] = "Käsittelijä tarkisti tulot tulorekisteristä."
        case["next_steps"] = ["Hae tukea seuraavalle kuukaudelle ajoissa."]
    else:
        amount = _money(rng.uniform(80, 900))
        category = "furniture" if kind == "supplementary" else "debt"
        case["calculation"] = {
            "expenses": [{"category": category, "requested": str(amount), "accepted": str(amount)}],
            "result": str(amount),
        }
        case["outcomes"] = [
            {
                "item": "Sänky" if kind == "supplementary" else "Vuokravelka",
                "category": category,
                "requested": str(amount),
                "outcome": "granted",
                "amount": str(amount),
                "discretion": "d1",
            }
        ]
        case["discretion"] = [
            {
                "id": "d1",
                "item": "Harkinta",
                "decided": f"Myönnämme {amount} €.",
                "facts": [f"Hinta-arvio on {amount} €.", "Sinulla ei ole varoja menoon."],
                "provisions": [
                    "toimeentulotukilain 7 c §"
                    if kind == "supplementary"
                    else "toimeentulotukilain 13 §"
                ],
                "justification": f"Meno {amount} € on välttämätön, eikä sinulla ole siihen rahaa.",
            }
        ]
        case["payments"] = [
            {
                "payee": "client",
                "purpose": "tuki",
                "amount": str(amount),
                "date": (decided + timedelta(days=2)).isoformat(),
            }
        ]
        case["next_steps"] = ["Säilytä kuitti."]
    return case


def break_case(case: dict[str, Any], how: str) -> dict[str, Any]:
    if how == "hetu":
        case["applicant"]["hetu"] = case["applicant"]["hetu"][:-1] + (
            "A" if case["applicant"]["hetu"][-1] != "A" else "B"
        )
    elif how == "negative":
        case["calculation"]["expenses"][0]["requested"] = "-10.00"
    elif how == "dates":
        case["application_received"] = "2027-12-31"
    elif how == "result":
        case["calculation"]["result"] = str(Decimal(case["calculation"]["result"]) + 1)
    elif how == "unknown_field":
        case["applicant"]["nickname"] = "x"
    elif how == "wrong_type":
        case["urgent"] = "maybe"
    return case


def synth_cases(count: int, seed: int = 1, invalid_rate: float = 0.0) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for index in range(count):
        case = synth_case(index, rng)
        if invalid_rate and rng.random() < invalid_rate:
            case = break_case(case, rng.choice(INVALID_KINDS))
        yield case

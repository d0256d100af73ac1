"""Realistic synthetic residences for benchmarks and scale tests: varied sections, 10-20 FAQ entries, notices.

Deterministic for a given count (a seeded ``random.Random``): the same N always gives the same project.
"""

from __future__ import annotations

import random
from pathlib import Path

CITIES = [("Saint-Denis", "93200"), ("Montreuil", "93100"), ("Bobigny", "93000"), ("Pantin", "93500"),
          ("Aubervilliers", "93300"), ("Bondy", "93140"), ("Noisy-le-Sec", "93130"), ("Sevran", "93270")]
STREETS = ["rue des Tilleuls", "allée des Lilas", "avenue Jean-Jaurès", "rue de Paris", "boulevard Voltaire",
           "rue Victor-Hugo", "place de la République", "rue Pasteur", "rue des Écoles", "chemin Vert"]
TREES = ["Tilleuls", "Peupliers", "Chênes", "Érables", "Acacias", "Cèdres", "Platanes", "Saules", "Bouleaux"]
TOPICS = [("Chaudière, chauffage, eau chaude", "Engie Home Services"), ("Ascenseurs", "Otis"),
          ("Interphone, portail", "Securitas Technology"), ("Plomberie", "Proxiserve"),
          ("Électricité des parties communes", "Spie")]
QUESTIONS = [
    ("Comment signaler une panne ?", "Appelez l'entreprise indiquée dans [Qui appeler ?](../qui-appeler/)."),
    ("Où récupérer un badge supplémentaire ?", "À la loge, sur présentation de votre bail. Le badge coûte 15 €."),
    ("Puis-je installer une parabole ?", "Non, une antenne collective dessert **tous** les logements."),
    ("Comment réserver la salle commune ?", "Auprès du gardien, au moins une semaine à l'avance."),
    ("Que faire en cas de dégât des eaux ?", "Coupez l'eau, prévenez votre assureur puis le gardien."),
    ("Où stationner ?", "Le parking souterrain est réservé aux locataires ayant une place louée."),
    ("Comment obtenir une attestation de loyer ?", "Sur l'espace locataire, rubrique *Mes documents*."),
    ("Qui entretient les espaces verts ?", "Une entreprise passe chaque semaine, le mercredi matin."),
    ("Puis-je avoir un animal ?", "Oui, s'il ne gêne pas les voisins. Les chiens sont tenus en laisse."),
    ("Comment changer une ampoule du palier ?", "Prévenez le gardien : c'est à la charge du bailleur."),
    ("Les encombrants, c'est quand ?", "Voir la page Déchets : le jour est indiqué pour votre résidence."),
    ("Comment résilier mon bail ?", "Par lettre recommandée à votre agence, avec un préavis d'un ou trois mois."),
    ("Où trouver mon numéro de contrat ?", "Sur votre avis d'échéance, en haut à droite."),
    ("Les chaudières sont-elles entretenues ?", "Oui, une visite annuelle est prévue : vous serez prévenu."),
    ("Comment joindre l'amicale ?", "Par courriel ou lors de sa permanence mensuelle."),
    ("Le digicode ne marche plus, que faire ?", "Appelez l'entreprise de l'interphone, 24h/24."),
    ("Peut-on fumer dans les parties communes ?", "Non, c'est interdit par la loi."),
    ("Comment trier le verre ?", "Dans les bornes d'apport volontaire, sans les bouchons."),
    ("Quand passe la désinsectisation ?", "Une fois par an ; un avis est affiché dans le hall."),
    ("Puis-je repeindre mon logement ?", "Oui, dans des teintes claires ; demandez conseil à l'agence."),
]
DAYS = ["mon", "tue", "wed", "thu", "fri"]


def residence_yaml(i: int, rng: random.Random, agencies: list[str]) -> str:
    """One residence file; optional sections appear or not, lists vary in length."""
    city, postcode = CITIES[i % len(CITIES)]
    lines = [f"name: Résidence Les {rng.choice(TREES)} {i}",
             f"address: {{street: {rng.randint(1, 120)} {rng.choice(STREETS)}, postcode: '{postcode}', "
             f"city: {city}}}",
             f"buildings: [{', '.join('ABCDEF'[:rng.randint(1, 6)])}]",
             f"units: {rng.randint(12, 400)}",
             f"agency: {agencies[i % len(agencies)]}"]
    if rng.random() < 0.8:
        lines += ["caretaker:", f"  name: Gardien {i}", f"  mode: {rng.choice(['resident', 'itinerant'])}",
                  f"  mobile: 06 {rng.randint(10, 29)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                  f"{rng.randint(10, 99)}",
                  "  hours:", f"    - days: [{', '.join(sorted(rng.sample(DAYS, 3), key=DAYS.index))}]",
                  "      open: 8:30", "      close: 12h",
                  "  absences:", "    - from: 2026-12-22", "      to: 2027-01-02"]
    if rng.random() < 0.7:
        lines += ["contacts:", "  - role: Amicale des locataires", f"    email: amicale{i}@example.org"]
    if rng.random() < 0.9:
        lines.append("maintenance:")
        for topic, company in rng.sample(TOPICS, rng.randint(1, len(TOPICS))):
            lines += [f"  - topic: {topic}", f"    company: {company}", "    phone: 09 69 32 00 00",
                      "    hours: 24h/24", "    note: Donnez votre **numéro de contrat**."]
    if rng.random() < 0.6:
        lines += ["services:", "  - name: Jardin partagé", "    description: |",
                  "      Des parcelles cultivées par les habitants.", "      Inscriptions auprès de l'amicale.",
                  "    location: Derrière le bâtiment A", "  - name: Local vélos", "    description: Accès avec badge."]
    if rng.random() < 0.8:
        lines += ["waste:", "  - kind: Ordures ménagères", "    days: [mon, thu]",
                  "  - kind: Encombrants", "    schedule: Le 2e mardi du mois"]
    if rng.random() < 0.7:
        lines += ["fibre:", f"  status: {rng.choice(['available', 'in_progress', 'planned'])}",
                  "  operators: [Orange, Free]"]
    lines.append("faq:")
    for q, a in rng.sample(QUESTIONS, rng.randint(10, 20)):
        lines += [f"  - q: \"{q}\"", f"    a: \"{a}\""]
    lines += ["notices:", f"  - title: Coupure d'eau {i}", "    from: 2026-12-01", "    until: 2026-12-05",
              f"    level: {rng.choice(['info', 'warning', 'urgent'])}", "    body: Travaux sur la colonne.",
              "  - title: Fête des voisins", "    from: 2026-12-10", "    until: 2026-12-20",
              "    body: Samedi, salle commune."]
    return "\n".join(lines) + "\n"


SITE_CONFIG = """\
landlord: {name: Habitat Synthétique, tenant_portal: https://locataires.example.org/}
base_url: https://residences.example.org/
agencies:
  nord: {name: Agence Nord, phone: 01 49 33 10 10, email: nord@example.org}
  sud: {name: Agence Sud, phone: 01 48 70 20 20}
  est: {name: Agence Est}
emergency:
  - {label: SAMU, phone: 15}
  - {label: Pompiers, phone: 18}
faq:
  - {q: Comment payer mon loyer ?, a: Par prélèvement.}
"""


def write_project(root: Path, count: int, seed: int = 7, languages: tuple[str, ...] = ()) -> Path:
    """Write ``site_config.yml`` and ``count`` residence files under ``root``; returns ``root``.

    ``languages`` (``("fr", "en", "ar")``) publishes the site in each (``languages:`` in the config); the
    residences' texts stay French, as most are typed (the other languages' pages fall back to them).
    """
    rng = random.Random(seed)
    (root / "residences").mkdir(parents=True, exist_ok=True)
    config = SITE_CONFIG + (f"languages: [{', '.join(languages)}]\n" if languages else "")
    (root / "site_config.yml").write_text(config, encoding="utf-8")
    for i in range(count):
        (root / "residences" / f"residence-{i:05d}.yml").write_text(
            residence_yaml(i, rng, ["nord", "sud", "est"]), encoding="utf-8")
    return root

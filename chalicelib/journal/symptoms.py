"""The catalogue of common withdrawal symptoms a member picks their daily list from."""

CATALOGUE = (
    "Anxiety", "Insomnia", "Brain zaps", "Dizziness", "Akathisia (inner restlessness)",
    "Low mood", "Irritability", "Crying spells", "Fatigue", "Brain fog",
    "Derealisation or depersonalisation", "Intrusive thoughts", "Emotional numbness",
    "Panic", "Headache", "Nausea or stomach upset", "Muscle pain or tension", "Tremor",
    "Tinnitus", "Heart palpitations", "Sweating", "Sensitivity to light or sound",
    "Burning or tingling skin",
)
MAX_SYMPTOMS = 15
MAX_NAME_CHARS = 40
SCORES = ((0, "none"), (1, "mild"), (2, "moderate"), (3, "strong"), (4, "severe"))


class SymptomError(ValueError):
    pass


def choose(picked, own_text):
    """The member's list: catalogue picks in catalogue order, then their own, deduplicated.

    :raise SymptomError: when the list is too long or a name is too long.
    """
    chosen = [name for name in CATALOGUE if name in set(picked)]
    seen = {name.lower() for name in chosen}
    for line in own_text.replace(",", "\n").splitlines():
        name = " ".join(line.split())
        if not name or name.lower() in seen:
            continue
        if len(name) > MAX_NAME_CHARS:
            raise SymptomError(f"“{name[:20]}…” is long; please keep each symptom under "
                               f"{MAX_NAME_CHARS} characters.")
        seen.add(name.lower())
        chosen.append(name)
    if len(chosen) > MAX_SYMPTOMS:
        raise SymptomError(f"That is {len(chosen)} symptoms; please choose at most "
                           f"{MAX_SYMPTOMS} so a check-in stays quick.")
    return chosen


def own_symptoms(chosen):
    """The member's own symptoms (not in the catalogue), for the form's text box."""
    return [name for name in chosen if name not in CATALOGUE]

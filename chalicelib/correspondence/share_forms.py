"""What a proposal to share letters may hold, and who may share: the checks before a write."""
from dataclasses import dataclass, field

from chalicelib.core import errors
from chalicelib.correspondence import safety
from chalicelib.forum import policy, reading
from chalicelib.models import writes
from chalicelib.models.correspondence import Letter
from chalicelib.models.forum import MAX_BODY_CHARS
from chalicelib.platform import members

MAX_LETTERS = 20
# The proposal item holds every text once: far below DynamoDB's 400 KB item limit.
MAX_TOTAL_CHARS = 60_000
MAX_TITLE = 150
# Blocked pairs and departed members share nothing.
SHAREABLE = ("open", "paused", "ended")
ENDED_FOR_GOOD = ("blocked", "account_deleted")


class Refused(Exception):
    """Nothing was saved; ``message`` says why and ``errors`` name the fields to fix."""

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.message, self.errors = message, errors or {}


@dataclass
class Choice:
    """A proposal as a writer filled it in: letters in order, their texts, title, category."""

    letter_ids: list = field(default_factory=list)
    texts: dict = field(default_factory=dict)
    title: str = ""
    category: str = ""


def text_field(letter_id):
    return f"text-{letter_id}"


def read_choice(form):
    chosen = list(dict.fromkeys(form.getlist("letter")))
    texts = {letter_id: form.raw(text_field(letter_id)).strip("\n")
             for letter_id in chosen}
    return Choice(chosen, texts, form.get("title"), form.get("category"))


def condition_failed(error):
    return writes.condition_failed(error)


def may_share(correspondence):
    return correspondence.status in SHAREABLE and \
        correspondence.ended_reason not in ENDED_FOR_GOOD


def letters_of(correspondence):
    """Every letter a writer may share (visible ones), oldest first (1 Query a page)."""
    return [letter for letter in Letter.query(correspondence.correspondence_id,
                                              consistent_read=True)
            if letter.status == "visible"]


def check_writers(member, correspondence, now):
    """Both writers by member id.

    :raise Refused: unless both may share and post now (not blocked, suspended or gone).
    """
    if not may_share(correspondence):
        raise Refused("These letters can no longer be shared.")
    other_id, _ = correspondence.other_of(member.member_id)
    other = members.get_member(other_id)
    if other is None or safety.blocked_between(member.member_id, other_id):
        raise Refused("These letters can no longer be shared.")
    for writer in (member, other):
        try:
            policy.check_may_post(writer, now)
        except errors.HttpError:
            raise Refused("These letters cannot be published while one of you may not post.")
    return {member.member_id: member, other.member_id: other}


def check(member, correspondence, choice, now):
    """The letters a proposal names, after every check.

    :raise Refused: with a message next to each field to fix (the text is kept).
    """
    writers = check_writers(member, correspondence, now)
    letters = {letter.letter_id: letter for letter in letters_of(correspondence)}
    problems = {}
    if not choice.letter_ids:
        problems["letter"] = "Choose at least one letter to share."
    elif len(choice.letter_ids) > MAX_LETTERS:
        problems["letter"] = f"Please choose at most {MAX_LETTERS} letters."
    elif any(letter_id not in letters for letter_id in choice.letter_ids):
        problems["letter"] = "One of those letters is not in this correspondence any more."
    for letter_id in choice.letter_ids:
        text = choice.texts.get(letter_id, "")
        if not text.strip():
            problems[text_field(letter_id)] = ("This letter would be empty: keep some of its "
                                               "text, or untick it.")
        elif len(text) > MAX_BODY_CHARS:
            problems[text_field(letter_id)] = f"Please keep it to {MAX_BODY_CHARS:,} characters."
        elif letter_id in letters:
            # Each letter meets its writer's posting rules as an edit would (a new
            # member's link limit): the letters exist, so no daily count applies.
            writer = writers.get(letters[letter_id].author_id)
            for message in policy.field_errors(writer, "edit", text, now).values() \
                    if writer else ():
                problems.setdefault(text_field(letter_id), message)
    if sum(len(text) for text in choice.texts.values()) > MAX_TOTAL_CHARS:
        problems.setdefault("letter", f"Together the letters are longer than "
                                      f"{MAX_TOTAL_CHARS:,} characters: share fewer, or cut some.")
    if not choice.title:
        problems["title"] = "Give the thread a title."
    elif len(choice.title) > MAX_TITLE:
        problems["title"] = f"Keep the title under {MAX_TITLE} characters."
    if choice.category not in {category.slug for category in reading.list_categories()}:
        problems["category"] = "Choose a category."
    if problems:
        raise Refused("Please check the proposal: nothing was saved yet.", problems)
    # Ids come in the letters' own order, whatever order the form sent them in.
    choice.letter_ids.sort()
    return [letters[letter_id] for letter_id in choice.letter_ids]


def prefill(letters, proposal=None, posted=None):
    """The sharing form's values and ticked letters: as posted (after a refusal), as the
    open proposal has them, or each letter's own text, nothing ticked."""
    values, chosen = {}, set()
    kept = {letter.letter_id: letter.body_source for letter in proposal.letters} \
        if proposal else {}
    for letter in letters:
        name = text_field(letter.letter_id)
        values[name] = posted.raw(name) if posted is not None and posted.has(name) \
            else kept.get(letter.letter_id, letter.body_source)
    if posted is not None:
        chosen = set(posted.getlist("letter"))
        values.update(title=posted.get("title"), category=posted.get("category"))
    elif proposal:
        chosen = set(kept)
        values.update(title=proposal.title, category=proposal.category_slug)
    return values, chosen

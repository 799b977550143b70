"""A reply by email to a reply notice becomes a reply in the thread, through the forum's
own rules, in the order the reply form applies them: who may post (verified, not
suspended), an open thread, the text (length, a new member's first-day limits), the
hourly posting limit, then one transaction that fails if the thread closed meanwhile.
"""
from pynamodb.exceptions import TransactWriteError

from chalicelib.core import errors
from chalicelib.forum import composing, policy, posting, reading
from chalicelib.inbound.refusals import Refused


def deliver(member, thread_id, text, now):
    """:return: the new post. :raise Refused: with what the member should read."""
    try:
        thread = reading.get_thread(thread_id, consistent=True)
        composing.require_poster(member)
        composing.require_open(thread)
        problems = {"body": composing.check_body(text)}
        problems.update({field: message for field, message
                         in policy.field_errors(member, "reply", text, now).items()
                         if message and not problems.get(field)})
        problem = next((message for message in problems.values() if message), None)
        if problem:
            raise Refused("text", problem)
        composing.limit_posting(member, "reply", now)
        try:
            return posting.add_reply(thread, member, text, None, now=now)
        except TransactWriteError:
            composing.require_open(reading.get_thread(thread_id, consistent=True))
            raise
    except errors.HttpError as refusal:
        raise Refused(type(refusal).__name__, _without_form_words(refusal.message))


def _without_form_words(message):
    """The site's messages speak of a form ("your text is kept below"); here the text is
    in the email itself."""
    for phrase in (" Your text is kept below.", " Your text is kept below:",
                   "; your text is kept below so you can post it in a little while.",
                   " Your text is kept below: you could start a new thread with it."):
        message = message.replace(phrase, "." if phrase.startswith(";") else "")
    return message

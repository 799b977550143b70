"""A reply by email to a letter becomes the next letter, through correspondence's own
``send_letter``: paused, ended, blocked and too long are refused there as on the site.

Email never opens a correspondence: a reply to one that ended is refused, and asking
again happens on the site, where availability ("not taking new correspondence") and the
daily limit of requests apply; the refusal says which of them stands in the way.
"""
from chalicelib.core import errors
from chalicelib.correspondence import asking, daily_requests, letters, store
from chalicelib.forum import policy
from chalicelib.inbound.refusals import Refused
from chalicelib.models.correspondence import Correspondence
from chalicelib.platform import members
from chalicelib.profiles.editing import profile_of


def deliver(member, correspondence_id, text, now):
    """:return: the new letter. :raise Refused: with what the member should read."""
    try:
        correspondence = Correspondence.get(correspondence_id, consistent_read=True)
    except Correspondence.DoesNotExist:
        raise Refused("gone", "This correspondence no longer exists, so your letter was "
                              "not sent.")
    if not correspondence.involves(member.member_id):
        raise Refused("not-yours", "This reply address belongs to another member's letters.")
    try:
        policy.check_may_post(member, now)  # a suspension stops letters too
    except errors.HttpError as refusal:
        raise Refused("suspended", refusal.message)
    try:
        return letters.send_letter(member, correspondence, text, now=now)
    except letters.CannotSend as refusal:
        correspondence.refresh(consistent_read=True)
        raise Refused(_reason(correspondence, refusal), _explained(member, correspondence,
                                                                    refusal.message, now))


def _reason(correspondence, refusal):
    if refusal.field == "body":
        return "empty" if "Please write" in refusal.message else "too-long"
    return correspondence.status


def _explained(member, correspondence, message, now):
    """The refusal, and for a finished correspondence what asking again would meet."""
    if correspondence.status not in store.FINISHED:
        return message
    other_id, other_handle = correspondence.other_of(member.member_id)
    other = members.get_member(other_id)
    refusal = asking.refusal_before_asking(member, other, profile_of(other_id)) \
        if other is not None else asking.not_available(other_handle)
    if refusal is not None:
        return f"{message} {refusal.message}"
    if daily_requests.requests_left_today(member.member_id, now) == 0:
        return (f"{message} You can ask {other_handle} to write again from their peer page, "
                f"but you have asked {daily_requests.REQUESTS_PER_DAY} members today already: "
                "please try again tomorrow.")
    return (f"{message} If you both wish to write again, you can ask {other_handle} from "
            "their peer page on Lantern.")

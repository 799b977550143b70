"""Members, the claims that keep handles and emails unique, and sessions."""
from pynamodb.attributes import (BooleanAttribute, MapAttribute, NumberAttribute, TTLAttribute,
                                 UnicodeAttribute, UTCDateTimeAttribute)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.models.base import LanternModel, index_meta, table_meta


class MembersByRole(GlobalSecondaryIndex):
    """Members of one role: moderators to alert about a crisis report, without a Scan."""

    Meta = index_meta("members_by_role", KeysOnlyProjection())
    role = UnicodeAttribute(hash_key=True)
    member_id = UnicodeAttribute(range_key=True)


class Greeters(GlobalSecondaryIndex):
    """Sparse: only members who volunteer to greet newcomers carry ``greeter_feed``."""

    Meta = index_meta("greeters", KeysOnlyProjection())
    greeter_feed = UnicodeAttribute(hash_key=True)
    member_id = UnicodeAttribute(range_key=True)


class Member(LanternModel):
    Meta = table_meta("members")
    member_id = UnicodeAttribute(hash_key=True)
    handle = UnicodeAttribute()
    email = UnicodeAttribute(null=True)  # normalised; never shown to anyone but its owner
    password_hash = UnicodeAttribute(null=True)
    role = UnicodeAttribute(default="member")  # member | moderator | admin
    email_verified = BooleanAttribute(default=False)
    created_at = UTCDateTimeAttribute()
    suspended_until = UTCDateTimeAttribute(null=True)
    suspension_reason = UnicodeAttribute(null=True)
    # Bumped by "log out everywhere", password change and suspension: older sessions die.
    session_epoch = NumberAttribute(default=0)
    last_seen_at = UTCDateTimeAttribute(null=True)  # written at most hourly (sessions.py)
    # When the member consented to the guidelines and to the privacy notice (health data).
    consented_at = UTCDateTimeAttribute(null=True)

    members_by_role = MembersByRole()

    # Greeting newcomers (chalicelib/care/greeters.py).
    greeter_feed = UnicodeAttribute(null=True)  # "all" while volunteering
    greeter_email = UnicodeAttribute(null=True)  # each | daily | never
    greeter_since = UTCDateTimeAttribute(null=True)
    greeter_emailed_at = UTCDateTimeAttribute(null=True)
    # Why SES suppressed the member's address; shown as a banner until they re-confirm.
    email_suppressed = UnicodeAttribute(null=True)

    greeters = Greeters()

    # Notifications (chalicelib/notifications): the header's count, read with the session
    # (ADD 1 per new entry, 0 once the member opens the page), and their choices per kind.
    unseen_notifications = NumberAttribute(null=True)
    notification_prefs = MapAttribute(null=True)  # kind -> site | email | digest | off


class UniqueClaim(LanternModel):
    """``handle:alice`` or ``email:a@b.org`` -> member; written in the sign-up transaction.

    A handle claim also carries what a public profile shows (the handle as typed, the role,
    the join date), so a visitor's profile page needs no read of the member row; deletion
    removes them with the member.
    """

    Meta = table_meta("claims")
    claim = UnicodeAttribute(hash_key=True)
    member_id = UnicodeAttribute()
    handle = UnicodeAttribute(null=True)
    role = UnicodeAttribute(null=True)
    joined_at = UTCDateTimeAttribute(null=True)


class SessionsByMember(GlobalSecondaryIndex):
    Meta = index_meta("sessions_by_member", KeysOnlyProjection())
    member_id = UnicodeAttribute(hash_key=True)
    session_hash = UnicodeAttribute(range_key=True)


class Session(LanternModel):
    """Only the hash of the session id is stored: a leaked table cannot log anyone in."""

    Meta = table_meta("sessions")
    ttl_attribute = "expires_at"
    session_hash = UnicodeAttribute(hash_key=True)
    member_id = UnicodeAttribute()
    epoch = NumberAttribute(default=0)
    created_at = UTCDateTimeAttribute()
    last_seen_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()

    sessions_by_member = SessionsByMember()

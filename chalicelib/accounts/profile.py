"""Public profiles: a handle, a role, a join date and the member's threads. Never an email."""
from chalicelib.core import config, errors
from chalicelib.platform import members, pagination
from chalicelib.forum import withdrawal
from chalicelib.models.forum import Thread

THREAD_KEYS = ("thread_id", "author_id")


def profile_page(handle, cursor=None):
    """The member and a page of their threads, newest first (2 + 1 requests).

    :raise NotFound: no member has this handle (or they deleted their account).
    """
    member = members.member_by_handle(handle)
    if member is None:
        raise errors.NotFound("There is no member with that name.")

    def query(**options):
        return Thread.threads_by_author.query(member.member_id, scan_index_forward=False,
                                              **options)

    threads, next_cursor = pagination.fetch_page(query, THREAD_KEYS, cursor,
                                                 config.settings.page_size)
    # Filtered after the page is cut (not by the Query), so the next cursor stays right.
    return member, withdrawal.visible(threads), next_cursor

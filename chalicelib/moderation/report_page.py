"""What the report form shows, in 2 requests (docs/data-model.md, "Member pages")."""
from collections import namedtuple

from chalicelib.core import errors
from chalicelib.forum import editing, reading
from chalicelib.models.forum import Thread
from chalicelib.models.moderation import Report
from chalicelib.platform import batches, members, own_reads
from chalicelib.moderation import cases
from chalicelib.web import permissions

ReportPage = namedtuple("ReportPage", "thread post author_is_staff already")


def report_page(reader, thread_id, post_id):
    """The session with the thread, the post and the member's own report of it in one
    BatchGetItem; then the post's author, when it is someone else (staff are offered no
    Block link).

    :raise LoginRequired: without a live session. :raise NotFound: no such thread or post.
    """
    member, found = own_reads.member_and_items(reader, lambda member_id: batches.merge(
        {Thread.Meta.table_name: {"Keys": [{"thread_id": {"S": thread_id}}]}},
        editing.post_keys(thread_id, post_id),
        {Report.Meta.table_name: {"Keys": [{
            "post_key": {"S": cases.post_key(thread_id, post_id)},
            "reporter_id": {"S": member_id}}]}}))
    if member is None:
        raise errors.LoginRequired()
    thread = reading.thread_in(found, thread_id)
    post = editing.post_in(found, thread_id, post_id)
    mine = found.get(Report.Meta.table_name, [])
    staff = post.author_id != member.member_id \
        and permissions.is_moderator(members.get_member(post.author_id))
    return ReportPage(thread, post, staff, Report.from_raw_data(mine[0]) if mine else None)

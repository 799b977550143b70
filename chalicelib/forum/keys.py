"""Index keys derived from a thread's fields, kept in one place so they never disagree."""
from chalicelib.core import clock


def list_key(pinned, last_activity_at, thread_id):
    # Descending order puts "1#" (pinned) before "0#", then newest activity first.
    return f"{1 if pinned else 0}#{clock.iso(last_activity_at)}#{thread_id}"


def activity_key(last_activity_at, thread_id):
    return f"{clock.iso(last_activity_at)}#{thread_id}"


def open_activity(last_activity_at):
    return clock.iso(last_activity_at)

"""The journal's part in the forum's thread page: signature cards and the introduction chart."""
from chalicelib.forum import hooks

hooks.thread_batch.register("chalicelib.journal.cards:thread_batch_part")
hooks.thread_page.register("chalicelib.journal.introduction:thread_page_context")

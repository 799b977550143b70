"""Care's part in the forum's pages (registered in chalicelib/care/wiring.py).

The home page shows how many threads wait for a first reply; the new-thread form can
carry on a thread closed for inactivity, and the new thread then links back to it.
"""
from chalicelib.care import continuations, unanswered


def home_page_context(stats):
    return {"unanswered_count": unanswered.stats_count(stats)}


def new_thread_prefill(query_params):
    """The form continuing the thread ``?continues=`` names ({} when it cannot be)."""
    return continuations.prefill((query_params.get("continues") or "").strip())


def link_continuation(thread, form):
    """Never raises for a bad ``continues`` field: the new thread is posted already."""
    continuations.link(thread, form.get("continues"))

"""Where higher packages take part in what every request goes through.

Kept free of heavy imports: feature wiring modules import this at start-up.
"""
from chalicelib.core.hooks import Hook

# A POST whose CSRF token failed: handler(request) -> a Response to send instead, or None.
# The forum registers one that keeps a composer's text as a draft when the session ended.
csrf_failure = Hook("web.csrf_failure")


def first_answer(hook, *args):
    """The first handler's answer that is not None, or None."""
    for handler in hook.handlers():
        answer = handler(*args)
        if answer is not None:
            return answer
    return None

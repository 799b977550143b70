"""Errors a view can raise; chalicelib.web turns each into a friendly page."""


class HttpError(Exception):
    status = 500
    title = "Something went wrong"
    message = "Something went wrong on our side. Your text is kept below; please try again."

    def __init__(self, message=None, title=None, headers=None):
        super().__init__(message or self.message)
        self.message = message or self.message
        self.title = title or self.title
        self.headers = headers or {}


class BadRequest(HttpError):
    status = 400
    title = "That request could not be read"
    message = "Part of that address or form could not be read. Please go back and try again."


class Forbidden(HttpError):
    status = 403
    title = "Not allowed"
    message = "You do not have permission to do that."


class LoginRequired(HttpError):
    status = 403
    title = "Please log in"
    message = "Please log in to do that."
    offers_login = True  # the error page links to the log-in form, coming back here


class NotFound(HttpError):
    status = 404
    title = "Page not found"
    message = "We could not find that page. It may have been moved or removed."


class MethodNotAllowed(HttpError):
    status = 405
    title = "That page cannot be used that way"
    message = ("This address does not take that kind of request: it is most often a form's "
               "address opened as a link. Please go back to the page you came from. If you "
               "were sending something, your text is kept below.")


class Conflict(HttpError):
    status = 409
    title = "Someone got there first"


class TooManyRequests(HttpError):
    status = 429
    title = "Time for a short pause"
    message = "That was a lot in a short time. Please wait a little and try again; your text is kept below."

    def __init__(self, retry_after_seconds, message=None):
        super().__init__(message, headers={"Retry-After": str(int(retry_after_seconds))})
        self.retry_after_seconds = int(retry_after_seconds)


class ServiceBusy(HttpError):
    status = 503
    title = "Lantern is busy"
    message = "Lantern is very busy right now and could not save that. Your text is kept below; please try again in a moment."

"""Fixed pages (crisis help, guidelines, privacy, about, start here) kept as Markdown in the repo.

Operators edit templates/content/*.md; the files ship inside the Lambda package.
"""
import os

from chalicelib.core import errors, markup
from chalicelib.platform import rendering
from chalicelib.web import page, route


PAGES = {"crisis": "Find help now", "guidelines": "Community guidelines",
         "privacy": "Privacy notice", "about": "About Lantern", "start": "Start here"}
CONTENT_DIR = os.path.join(rendering.TEMPLATES_DIR, "content")


def content_html(name):
    """The rendered Markdown of one content page.

    :raise NotFound: for a name that is not one of PAGES.
    """
    if name not in PAGES:
        raise errors.NotFound()
    with open(os.path.join(CONTENT_DIR, f"{name}.md"), encoding="utf-8") as handle:
        return markup.render_markdown(handle.read())


def _content_view(name):
    def view(request):
        return page(request, "pages/content.html", title=PAGES[name], body=content_html(name),
                    name=name)

    view.__name__ = f"{name}_page"
    view.__doc__ = f"Show the {PAGES[name].lower()} page."
    return view


crisis_page = route("/crisis")(_content_view("crisis"))
guidelines_page = route("/guidelines")(_content_view("guidelines"))
privacy_page = route("/privacy")(_content_view("privacy"))
about_page = route("/about")(_content_view("about"))
start_page = route("/start")(_content_view("start"))

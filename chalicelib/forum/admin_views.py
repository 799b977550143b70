"""Admin pages: editing the forum's categories."""

from chalicelib.core import config
from chalicelib.forum import categories, reading
from chalicelib.web import page, permissions, read_form, redirect, route


def _form_page(request, status=200, **context):
    return page(request, "forum/category_form.html", status=status,
                default_stale_days=config.settings.stale_after_days, **context)


@route("/admin/categories")
def category_list(request):
    """List the categories in their order, with links to edit each."""
    permissions.require_admin(request)
    return page(request, "forum/category_admin.html", categories=reading.list_categories(),
                saved=request.query_params and request.query_params.get("saved"))


@route("/admin/categories/new")
def new_category_form(request):
    """Show the form for a new category."""
    permissions.require_admin(request)
    return _form_page(request, category=None, form={"position": "0"})


@route("/admin/categories/new", methods=("POST",))
def new_category(request):
    """Create a category; a taken address is a field error."""
    permissions.require_admin(request)
    form = read_form(request)
    fields, problems = categories.read_category_form(form)
    if not problems and categories.create_category(fields) is None:
        problems["slug"] = "Another category already uses that address."
    if problems:
        return _form_page(request, status=400, category=None, form=form.kept(),
                          errors=problems)
    return redirect("/admin/categories", saved=fields["name"])


@route("/admin/categories/{slug}")
def edit_category_form(request, slug):
    """Show a category's settings."""
    permissions.require_admin(request)
    category = reading.get_category(slug)
    form = {"name": category.name, "slug": category.slug,
            "description": category.description, "position": str(int(category.position)),
            "stale_after_days": str(int(category.stale_after_days))
            if category.stale_after_days else ""}
    return _form_page(request, category=category, form=form)


@route("/admin/categories/{slug}", methods=("POST",))
def edit_category(request, slug):
    """Save a category's settings."""
    permissions.require_admin(request)
    category = reading.get_category(slug)
    form = read_form(request)
    fields, problems = categories.read_category_form(form)
    if not problems:
        problems = categories.update_category(category, fields)
    if problems:
        return _form_page(request, status=400, category=category, form=form.kept(),
                          errors=problems)
    return redirect("/admin/categories", saved=fields["name"])

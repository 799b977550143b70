"""The taper journal's pages: overview and chart, check-in, symptoms, sharing, time zone,
export, and a shared journal (medications: medication_views.py)."""
import json
from datetime import timedelta

from chalice import Response

from chalicelib.core import clock, medications
from chalicelib.platform import sessions
from chalicelib.journal import (chart, days, entries, export, forms, sharing, store, symptoms,
                                table_months)
from chalicelib.web import page, permissions, query, read_form, redirect, route


def owner(request):
    """:raise LoginRequired: the journal is only ever its owner's to edit."""
    return permissions.require_member(request, "Please log in to keep your taper journal.")


def _window(request):
    return "all" if query(request, "range") == "all" else "90"


def _first_day(window, today):
    """The first day to read check-ins from (None: all of them)."""
    length = chart.WINDOWS[window]
    return today - timedelta(days=length - 1) if length else None


def _first_day_anywhere(window, now):
    """The first day to read when the member's time zone is not known yet: a day early,
    since a local date is at most a day behind the UTC one."""
    first = _first_day(window, now.date())
    return first - timedelta(days=1) if first else None


@route("/journal")
def overview(request):
    """Show the member's chart, medications and the way to today's check-in."""
    member = owner(request)
    now, window = clock.utcnow(), _window(request)
    journal = store.load_since(member.member_id, _first_day_anywhere(window, now))
    today = days.local_today(journal.settings, now)
    drawn = chart.build(journal, today, window)
    return page(request, "journal/overview.html", journal=journal, chart=drawn,
                table=table_months.page(drawn.rows, query(request, "month")), window=window, today=today, saved=query(request, "saved"),
                checked_in_today=any(c.day == today.isoformat() for c in journal.check_ins),
                class_label=medications.class_label)


def _check_in_form(request, settings, today, form, errors_found, status=200):
    return page(request, "journal/check_in.html", status=status, form=form,
                errors=errors_found, symptoms=settings.symptoms, scores=symptoms.SCORES,
                overall_labels=forms.OVERALL_LABELS, sleep_labels=forms.SLEEP_LABELS,
                today=today, yesterday=today - timedelta(days=1),
                time_zone=days.zone_name(settings))


@route("/journal/check-in")
def check_in(request):
    """The daily check-in form for today (or ?day=), filled in if that day has one."""
    member = owner(request)
    settings = store.load_outline(member.member_id).settings
    today = days.local_today(settings, clock.utcnow())
    found = {}
    day = forms.read_day(query(request, "day"), today, "day", found) or today
    form = {"day": day.isoformat()}
    existing = store.get_check_in(member.member_id, day)
    if existing is not None:
        form.update(overall=str(int(existing.overall)), sleep=str(int(existing.sleep)),
                    note=existing.note,
                    scores={s.name: str(int(s.score)) for s in existing.symptoms})
    return _check_in_form(request, settings, today, form, found)


@route("/journal/check-in", methods=["POST"])
def save_check_in(request):
    """Save the day's check-in; saving the same day again replaces it."""
    member = owner(request)
    form = read_form(request)
    now = clock.utcnow()
    # Read consistently: it decides whether the introduction chart hears of this check-in,
    # and sharing may have been turned on a moment ago.
    settings = store.load_outline(member.member_id, consistent=True).settings
    today = days.local_today(settings, now)
    (day, overall, sleep, scores, note), found = forms.read_check_in(form, today)
    if found:
        kept = form.kept()
        kept["scores"] = {name: str(score) for name, score in scores}
        return _check_in_form(request, settings, today, kept, found, status=400)
    entries.save_check_in(member.member_id, day, overall, sleep, scores, note, now,
                          published=settings.intro_thread_id is not None)
    return redirect("/journal", saved="check-in", day=day.isoformat())


@route("/journal/symptoms")
def choose_symptoms(request):
    """Pick the symptoms the daily check-in asks about."""
    member = owner(request)
    chosen = store.load_outline(member.member_id).settings.symptoms
    return page(request, "journal/symptoms.html", catalogue=symptoms.CATALOGUE,
                chosen=list(chosen),
                form={"own": "\n".join(symptoms.own_symptoms(chosen))})


@route("/journal/symptoms", methods=["POST"])
def save_symptoms(request):
    member = owner(request)
    form = read_form(request)
    try:
        chosen = symptoms.choose(form.getlist("symptom"), form.raw("own"))
    except symptoms.SymptomError as error:
        return page(request, "journal/symptoms.html", status=400,
                    catalogue=symptoms.CATALOGUE, chosen=form.getlist("symptom"),
                    form=form.kept(), errors={"own": str(error)})
    entries.choose_symptoms(member.member_id, chosen, clock.utcnow())
    return redirect("/journal/check-in")


@route("/journal/sharing")
def sharing_settings(request):
    """Who can see the journal, the introduction header, and the signature."""
    member = owner(request)
    journal = store.load_outline(member.member_id)
    settings = journal.settings
    return page(request, "journal/sharing.html", choices=sharing.SHARING_CHOICES,
                threads=sharing.own_threads(member.member_id), card=journal.card,
                form={"sharing": settings.sharing,
                      "intro_thread_id": settings.intro_thread_id or "",
                      "signature_on": settings.signature_on},
                saved=query(request, "saved"))


@route("/journal/sharing", methods=["POST"])
def save_sharing(request):
    member = owner(request)
    form = read_form(request)
    sharing.update(member.member_id, form.get("sharing"), form.get("intro_thread_id"),
                   form.get("signature_on") == "on", clock.utcnow())
    return redirect("/journal/sharing", saved="1")


def _time_zone_page(request, settings, form, found=None, status=200):
    return page(request, "journal/time_zone.html", status=status, form=form,
                errors=found or {}, zones=days.zone_choices(), default_zone=days.DEFAULT_ZONE,
                local_now=days.local_now(settings, clock.utcnow()),
                saved=query(request, "saved"))


@route("/journal/time-zone")
def time_zone(request):
    """Choose the time zone whose date counts as "today" for check-ins."""
    settings = store.load_outline(owner(request).member_id).settings
    return _time_zone_page(request, settings, {"time_zone": days.zone_name(settings)})


@route("/journal/time-zone", methods=["POST"])
def save_time_zone(request):
    member = owner(request)
    form = read_form(request)
    name = form.get("time_zone")
    if not days.is_zone(name):
        settings = store.load_outline(member.member_id).settings
        return _time_zone_page(request, settings, form.kept(),
                               {"time_zone": days.ZONE_ERROR}, 400)
    entries.set_time_zone(member.member_id, name, clock.utcnow())
    return redirect("/journal/time-zone", saved="1")


@route("/journal/export.json")
def export_json(request):
    """Download the whole journal as JSON."""
    data = export.export_for(owner(request).member_id)
    return Response(body=json.dumps(data, ensure_ascii=False, indent=2), status_code=200,
                    headers={"Content-Type": "application/json; charset=utf-8",
                             "Content-Disposition": 'attachment; filename="journal.json"'})


@route("/journal/export.csv")
def export_csv(request):
    """Download dose changes and check-ins as one CSV, a row per entry."""
    text = export.export_csv(owner(request).member_id)
    return Response(body=text, status_code=200,
                    headers={"Content-Type": "text/csv; charset=utf-8",
                             "Content-Disposition": 'attachment; filename="journal.csv"'})


@route("/u/{handle}/journal")
def shared_journal(request, handle):
    """Another member's journal, if they share it with members.

    :raise NotFound: for a private journal, to moderators too (privacy has no back door).
    """
    now, window = clock.utcnow(), _window(request)
    owner, journal, access = sharing.shared_journal(sessions.PendingVisitor(request), handle,
                                                    _first_day_anywhere(window, now))
    today = days.local_today(journal.settings, now)
    # Read from a day early (the owner's time zone was not known yet): the window's own.
    first = _first_day(window, today)
    journal.check_ins = [c for c in journal.check_ins if not first or c.day >= first.isoformat()]
    drawn = chart.build(journal, today, window, with_notes=access == sharing.FULL,
                        title=f"{owner.handle}'s taper journal")
    return page(request, "journal/shared.html", owner=owner, chart=drawn, window=window,
                table=table_months.page(drawn.rows, query(request, "month")), access=access,
                is_owner=sessions.load_visitor(request).member.member_id == owner.member_id)

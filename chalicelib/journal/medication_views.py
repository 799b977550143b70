"""The journal's medications: add one, record and remove its dose changes, remove it."""
from chalicelib.core import clock, errors, medications
from chalicelib.journal import days, entries, forms, store
from chalicelib.journal.views import owner
from chalicelib.web import page, read_form, redirect, route


@route("/journal/medications/new")
def new_medication(request):
    owner(request)
    return page(request, "journal/medication_new.html", drug_classes=medications.DRUG_CLASSES,
                units=medications.DOSE_UNITS, form={"unit": "mg"})


@route("/journal/medications/new", methods=["POST"])
def add_medication(request):
    """Add a medication, then go straight to recording its dose changes."""
    member = owner(request)
    form = read_form(request)
    (name, drug_class, unit), found = forms.read_medication(form)
    if found:
        return page(request, "journal/medication_new.html", status=400, form=form.kept(),
                    errors=found, drug_classes=medications.DRUG_CLASSES,
                    units=medications.DOSE_UNITS)
    medication = entries.add_medication(member.member_id, name, drug_class, unit,
                                        clock.utcnow())
    return redirect(f"/journal/medications/{medication.medication_id}")


def _medication_page(request, journal, medication_id, form=None, found=None, status=200):
    medication = journal.medication(medication_id)
    if medication is None:
        raise errors.NotFound("That medication is not in your journal.")
    today = days.local_today(journal.settings, clock.utcnow())
    return page(request, "journal/medication.html", status=status, medication=medication,
                doses=journal.doses_of(medication_id), form=form or {"day": today.isoformat()},
                errors=found or {}, class_label=medications.class_label, today=today)


@route("/journal/medications/{medication_id}")
def medication(request, medication_id):
    """A medication's dose changes, and the form to record the next one."""
    return _medication_page(request, store.load_outline(owner(request).member_id),
                            medication_id)


@route("/journal/medications/{medication_id}", methods=["POST"])
def add_dose_change(request, medication_id):
    member = owner(request)
    form = read_form(request)
    now = clock.utcnow()
    journal = store.load_outline(member.member_id)
    (day, dose, note), found = forms.read_dose_change(form,
                                                      days.local_today(journal.settings, now))
    if found:
        return _medication_page(request, journal, medication_id, form.kept(), found, 400)
    entries.add_dose_change(member.member_id, medication_id, day, dose, note, now)
    return redirect(f"/journal/medications/{medication_id}", saved="dose")


@route("/journal/medications/{medication_id}/remove", methods=["POST"])
def remove_medication(request, medication_id):
    """Remove a mistaken medication with its dose changes."""
    entries.remove_medication(owner(request).member_id, medication_id, clock.utcnow())
    return redirect("/journal", saved="removed")


@route("/journal/medications/{medication_id}/doses/remove", methods=["POST"])
def remove_dose_change(request, medication_id):
    entries.remove_dose_change(owner(request).member_id, read_form(request).get("entry"),
                               clock.utcnow())
    return redirect(f"/journal/medications/{medication_id}", saved="removed")

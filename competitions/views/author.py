"""Authors' pages: my entries, a new entry, and an entry's page where its first author edits
the text, co-authors and files of a draft, reads the de-identification warnings, submits and
withdraws; after the deadline the entry is frozen and read-only (R14)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from competitions import permissions, rules, selectors
from competitions.forms import author as forms
from competitions.models import CASE_SECTIONS, Competition, Entry
from competitions.services import entries
from competitions.views.common import (
    ENTRY_STATUS_LABELS,
    PHASE_LABELS,
    paginate,
    show_errors,
    show_form_errors,
)
from core.files import private_file_response


def _status(entry: Entry, now) -> rules.EntryStatus:
    return rules.entry_status(
        submitted_at=entry.submitted_at,
        frozen_at=entry.frozen_at,
        submissions_close_at=entry.competition.submissions_close_at,
        now=now,
    )


def my_entries(request: HttpRequest) -> HttpResponse:
    person = permissions.person_for_user(user=request.user)
    now = timezone.now()
    page = paginate(request, selectors.entries_for_person(person=person))
    rows = [
        (entry, ENTRY_STATUS_LABELS[_status(entry, now)], entry.author_id == person.pk)
        for entry in page
    ]
    return render(
        request,
        "competitions/author_entries.html",
        {
            "page": page,
            "rows": rows,
            "open": selectors.competitions_open_for_entries(now=now),
        },
    )


@require_http_methods(["GET", "POST"])
def entry_new(request: HttpRequest, pk: int) -> HttpResponse:
    competition = permissions.published_competition(competition_id=pk)
    person = permissions.person_for_user(user=request.user)
    form = forms.EntryNewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = entries.entry_create(
                competition=competition,
                author=person,
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("作品已创建，请填写内容并在截止前提交。"))
            return redirect("competitions:entry", entry.pk)
    phase = selectors.phase_of(competition=competition, now=timezone.now())
    return render(
        request,
        "competitions/author_entry_new.html",
        {"competition": competition, "form": form, "phase_label": PHASE_LABELS[phase]},
    )


@require_http_methods(["GET", "POST"])
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The entry's page; a POST saves the draft's text (first author only)."""
    entry = permissions.entry_for_author(user=request.user, entry_id=pk)
    kind = entry.competition.kind
    text_form = forms.EntryTextForm(initial=forms.EntryTextForm.initial_for(entry), kind=kind)
    if request.method == "POST":
        entry = permissions.entry_for_author(user=request.user, entry_id=pk, edit=True)
        text_form = forms.EntryTextForm(request.POST, kind=kind)
        if text_form.is_valid():
            try:
                entry, warnings = entries.entry_update(
                    entry=entry,
                    by=request.user,
                    title=text_form.cleaned_data["title"],
                    sections=text_form.sections,
                    body=text_form.cleaned_data.get("body", ""),
                    client_names=text_form.cleaned_data["client_names"],
                )
            except ValidationError as error:
                text_form.add_error(None, error)
            else:
                messages.success(request, _("已保存。"))
                for warning in warnings:
                    messages.warning(request, warning.message)
                return redirect("competitions:entry", entry.pk)
    return _entry_page(request, entry, text_form=text_form)


def _entry_page(request: HttpRequest, entry: Entry, *, text_form) -> HttpResponse:
    person = permissions.person_for_user(user=request.user)
    status = _status(entry, timezone.now())
    editable = status == rules.EntryStatus.DRAFT and entry.author_id == person.pk
    sections = [(label, (entry.sections or {}).get(key, "")) for key, label in CASE_SECTIONS]
    return render(
        request,
        "competitions/author_entry.html",
        {
            "entry": entry,
            "competition": entry.competition,
            "is_case": entry.competition.kind == Competition.Kind.CASE,
            "sections": sections,
            "status": status,
            "status_label": ENTRY_STATUS_LABELS[status],
            "editable": editable,
            "is_first_author": entry.author_id == person.pk,
            "coauthors": entry.coauthors.order_by("pk"),
            "files": selectors.files_of(entry=entry),
            "findings": selectors.entry_findings(entry=entry)
            if status == rules.EntryStatus.DRAFT
            else [],
            "text_form": text_form,
            "coauthor_form": forms.CoauthorForm(),
            "file_form": forms.EntryFileForm(),
            "submit_form": forms.SubmitForm(),
        },
        status=400 if text_form.is_bound else 200,
    )


@require_POST
def coauthor_add(request: HttpRequest, pk: int) -> HttpResponse:
    entry = permissions.entry_for_author(user=request.user, entry_id=pk, edit=True)
    form = forms.CoauthorForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("competitions:entry", entry.pk)
    try:
        entries.entry_coauthor_add(entry=entry, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("合作者已添加。"))
    return redirect("competitions:entry", entry.pk)


@require_POST
def coauthor_remove(request: HttpRequest, pk: int, person_id: int) -> HttpResponse:
    entry = permissions.entry_for_author(user=request.user, entry_id=pk, edit=True)
    try:
        entries.entry_coauthor_remove(entry=entry, by=request.user, person_id=person_id)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("合作者已移除。"))
    return redirect("competitions:entry", entry.pk)


@require_POST
def file_add(request: HttpRequest, pk: int) -> HttpResponse:
    entry = permissions.entry_for_author(user=request.user, entry_id=pk, edit=True)
    form = forms.EntryFileForm(request.POST, request.FILES)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("competitions:entry", entry.pk)
    try:
        _attachment, warnings = entries.entry_file_add(
            entry=entry, by=request.user, upload=form.cleaned_data["upload"]
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("文件已上传。"))
        for warning in warnings:
            messages.warning(request, warning.message)
    return redirect("competitions:entry", entry.pk)


@require_POST
def file_remove(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    entry = permissions.entry_for_author(user=request.user, entry_id=pk, edit=True)
    attachment = get_object_or_404(selectors.files_of(entry=entry), pk=file_id)
    try:
        entries.entry_file_remove(attachment=attachment, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("文件已删除。"))
    return redirect("competitions:entry", entry.pk)


@require_POST
def entry_submit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = permissions.entry_for_author(user=request.user, entry_id=pk, edit=True)
    form = forms.SubmitForm(request.POST)
    try:
        entries.entry_submit(entry=entry, by=request.user, deidentified=form.deidentified)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("作品已提交。截止前如需修改，可撤回后再改。"))
    return redirect("competitions:entry", entry.pk)


@require_POST
def entry_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    entry = permissions.entry_for_author(user=request.user, entry_id=pk, edit=True)
    try:
        entries.entry_withdraw(entry=entry, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("已撤回提交，作品回到草稿状态。"))
    return redirect("competitions:entry", entry.pk)


@require_GET
def file_download(request: HttpRequest, pk: int) -> HttpResponse:
    """An entry's file under its original name, for its authors and the organiser; a judge is
    sent to the blind copy, named by the entry's code (R14)."""
    attachment, name = permissions.entry_file_for_user(user=request.user, file_id=pk)
    if name != attachment.original_name:
        return redirect("competitions:judge_file", pk)
    return private_file_response(attachment.file, filename=name)

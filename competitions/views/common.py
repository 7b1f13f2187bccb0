"""Helpers shared by the competition pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from competitions.rules import EntryStatus, Phase

PAGE_SIZE = 30

PHASE_LABELS = {
    Phase.DRAFT: _("草稿"),
    Phase.CALL: _("征集公告"),
    Phase.SUBMISSION: _("报送中"),
    Phase.REVIEW: _("评审中"),
    Phase.REVIEW_CLOSED: _("评审结束"),
    Phase.NOTICE: _("结果公示中"),
    Phase.NOTICE_CLOSED: _("公示结束，待确定结果"),
    Phase.FINAL: _("结果已确定"),
}

ENTRY_STATUS_LABELS = {
    EntryStatus.DRAFT: _("草稿"),
    EntryStatus.SUBMITTED: _("已提交"),
    EntryStatus.FROZEN: _("已封存"),
    EntryStatus.NOT_SUBMITTED: _("截止前未提交"),
}


def paginate(request: HttpRequest, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def show_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def show_form_errors(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)

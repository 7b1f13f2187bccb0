import hashlib

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import periods
from core.files import private_file_response
from core.query_params import query_text
from core.ratelimit import client_ip, ratelimit
from credentials import (
    batches,
    permissions,
    qualifications,
    selectors,
    services,
    signing,
    verification,
)
from credentials.forms import BatchForm, HoursCertificateForm, QualificationForm, RenewalForm
from credentials.models import Certificate, ShareLink, VerificationEvent
from credentials.progress import progress_for
from directory.permissions import own_person

LIMIT = {"group": "verify", "limit_setting": "VERIFY_RATE_LIMIT", "seconds": 60}
STATUS_CODES = {"valid": 200, "revoked": 410, "superseded": 410}


@login_not_required
@require_GET
@ratelimit(**LIMIT)
def verify_start(request: HttpRequest) -> HttpResponse:
    """Type the short code from the paper, or open the link from the QR code."""
    typed = query_text(request, "code")
    if "/" in typed:  # no code has one, and it cannot stand in the page's address
        return render(request, "credentials/verify_unknown.html", status=404)
    if typed:
        return redirect("credentials:verify", code=typed)
    return render(request, "credentials/verify_start.html")


@login_not_required
@require_GET
@ratelimit(**LIMIT)
def verify(request: HttpRequest, code: str) -> HttpResponse:
    certificate = verification.certificate_by_code(code)
    if certificate is None:
        return render(request, "credentials/verify_unknown.html", status=404)
    services.verification_record(
        certificate=certificate, ip=client_ip(request), channel=VerificationEvent.Channel.PAGE
    )
    return render(
        request,
        "credentials/verify.html",
        {"certificate": certificate, "payload": verification.public_payload(certificate)},
        status=STATUS_CODES[certificate.status],
    )


@login_not_required
@require_GET
@ratelimit(**LIMIT)
def verify_json(request: HttpRequest, code: str) -> JsonResponse:
    """The signed public record; 404 for an unknown code, 410 for revoked or superseded."""
    certificate = verification.certificate_by_code(code)
    if certificate is None:
        return JsonResponse({"error": "not_found"}, status=404)
    services.verification_record(
        certificate=certificate, ip=client_ip(request), channel=VerificationEvent.Channel.JSON
    )
    document = signing.sign(verification.public_payload(certificate))
    return JsonResponse(
        document, status=STATUS_CODES[certificate.status], json_dumps_params={"ensure_ascii": False}
    )


@login_not_required
@require_GET
def public_key(request: HttpRequest) -> HttpResponse:
    return HttpResponse(signing.public_key_pem(), content_type="application/x-pem-file")


class PdfCheckForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("证明 PDF 文件"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise ValidationError(_("文件过大（上限 10 MB）。"))
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise ValidationError(_("这不是 PDF 文件。"))
        return upload


@login_not_required
@require_http_methods(["GET", "POST"])
@ratelimit(**LIMIT)
def verify_pdf(request: HttpRequest) -> HttpResponse:
    """HR uploads the PDF a candidate sent: is it byte-identical to one we issued?"""
    bound = request.method == "POST"
    form = PdfCheckForm(request.POST if bound else None, request.FILES if bound else None)
    match, checked = None, False
    if request.method == "POST" and form.is_valid():
        digest = hashlib.sha256()
        for chunk in form.cleaned_data["file"].chunks():
            digest.update(chunk)
        match = Certificate.objects.filter(pdf_sha256=digest.hexdigest()).first()
        checked = True
        if match:
            services.verification_record(
                certificate=match, ip=client_ip(request), channel=VerificationEvent.Channel.PDF
            )
    return render(
        request, "credentials/verify_pdf.html", {"form": form, "match": match, "checked": checked}
    )


def mine(request: HttpRequest) -> HttpResponse:
    """The holder's certificates, who verified them, and their share links."""
    person = own_person(user=request.user)
    return render(
        request,
        "credentials/mine.html",
        {
            "person": person,
            "certificates": selectors.certificates_of(person=person),
            "verifications": selectors.verifications_of(person=person)[:50],
            "links": selectors.share_links_of(person=person),
            "now": timezone.now(),
            "is_supervisor": hasattr(person, "supervisor_profile"),
            "completions": selectors.completions_without_certificate(person=person),
            "last_year": timezone.localdate().year - 1,
        },
    )


def download(request: HttpRequest, pk: int) -> HttpResponse:
    """Exactly the stored PDF bytes, for the holder or an administrator over them."""
    certificate = permissions.certificate_for_user(user=request.user, certificate_id=pk)
    return private_file_response(
        certificate.pdf, filename=f"{certificate.get_kind_display()}-{certificate.short_code}.pdf"
    )


@require_POST
def share_create(request: HttpRequest) -> HttpResponse:
    person = own_person(user=request.user)
    try:
        days = int(request.POST.get("days", "14"))
        services.share_link_create(person=person, days=days, created_by=request.user)
    except (ValueError, ValidationError) as error:
        messages.error(request, getattr(error, "message", _("有效天数应在 1 到 90 天之间。")))
    else:
        messages.success(request, _("分享链接已生成。"))
    return redirect("credentials:mine")


@require_POST
def share_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    person = own_person(user=request.user)
    link = ShareLink.objects.filter(person=person, pk=pk).first()
    if link is None:
        raise Http404
    services.share_link_revoke(link=link, revoked_by=request.user)
    messages.success(request, _("分享链接已撤销。"))
    return redirect("credentials:mine")


@login_not_required
@require_GET
@ratelimit(**LIMIT)
def shared(request: HttpRequest, token: str) -> HttpResponse:
    """An employer's view of a holder's whole record, while the link is valid."""
    link = ShareLink.objects.select_related("person").filter(token=token).first()
    if link is None or not link.is_usable(now=timezone.now()):
        return render(request, "credentials/shared_gone.html", status=410)
    person = link.person
    return render(
        request,
        "credentials/shared.html",
        {
            "person": person,
            "link": link,
            "certificates": selectors.certificates_of(person=person).filter(
                revoked_at__isnull=True, superseded_at__isnull=True
            ),
            "qualifications": selectors.qualifications_of(person=person),
        },
    )


def _issue_hours(request: HttpRequest, *, person, form: HoursCertificateForm) -> bool:
    try:
        services.hour_certificate_issue(
            person=person,
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            issued_by=request.user,
            allow_empty=form.cleaned_data["allow_empty"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, _("学时证明已出具，PDF 生成后即可下载。"))
    return True


@require_http_methods(["GET", "POST"])
def hours_new(request: HttpRequest) -> HttpResponse:
    """A worker issues their own hour certificate for a year or a range."""
    person = own_person(user=request.user)
    year = timezone.localdate().year - 1
    form = HoursCertificateForm(
        request.POST or None,
        initial={"starts_on": f"{year}-01-01", "ends_on": f"{year}-12-31"},
    )
    if request.method == "POST" and form.is_valid():
        if _issue_hours(request, person=person, form=form):
            return redirect("credentials:mine")
    return render(request, "credentials/hours_new.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
def hours_for_person(request: HttpRequest, person_id: int) -> HttpResponse:
    """An administrator issues an hour certificate for someone in their scope."""
    person = permissions.person_for_issuer(user=request.user, person_id=person_id)
    form = HoursCertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _issue_hours(request, person=person, form=form):
            return redirect("credentials:person_certificates", person_id=person.pk)
    return render(request, "credentials/hours_new.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
def batch_list(request: HttpRequest) -> HttpResponse:
    permissions.require_manager(user=request.user)
    form = BatchForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        batch = batches.batch_create(
            region=form.cleaned_data["region"],
            year=form.cleaned_data["year"],
            include_empty=form.cleaned_data["include_empty"],
            created_by=request.user,
        )
        return redirect("credentials:batch", pk=batch.pk)
    return render(
        request,
        "credentials/batch_list.html",
        {"form": form, "batches": selectors.batches_for_user(user=request.user)[:50]},
    )


def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = permissions.batch_for_user(user=request.user, batch_id=pk)
    return render(request, "credentials/batch_detail.html", {"batch": batch})


def batch_archive(request: HttpRequest, pk: int) -> HttpResponse:
    batch = permissions.batch_for_user(user=request.user, batch_id=pk)
    return private_file_response(batch.archive, filename=f"{batch}.zip")


def progress(request: HttpRequest) -> HttpResponse:
    """Certification progress: R21 registration, R22 hours, R23 next exam, R3 status."""
    person = own_person(user=request.user)
    return render(
        request,
        "credentials/progress.html",
        {
            "person": person,
            "progress": progress_for(person=person, today=timezone.localdate()),
            "qualifications": selectors.qualifications_of(person=person),
        },
    )


@require_http_methods(["GET", "POST"])
def qualification_new(request: HttpRequest) -> HttpResponse:
    person = own_person(user=request.user)
    form = QualificationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            qualifications.qualification_submit(
                person=person,
                level=data["level"],
                certificate_number=data["certificate_number"],
                passed_on=data["passed_on"],
                scan=data["scan"],
                registered_on=data["registered_on"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("职业资格已提交，等待民政管理员核验。"))
            return redirect("credentials:progress")
    return render(request, "credentials/qualification_new.html", {"form": form})


@require_http_methods(["GET", "POST"])
def registration_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The holder records a renewal (a new 3-year registration)."""
    qualification = permissions.own_qualification(user=request.user, qualification_id=pk)
    form = RenewalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            qualifications.registration_add(
                qualification=qualification,
                starts_on=form.cleaned_data["starts_on"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("starts_on", error)
        else:
            messages.success(request, _("续期登记已记录。"))
            return redirect("credentials:progress")
    return render(
        request,
        "credentials/registration_new.html",
        {"form": form, "qualification": qualification},
    )


def review(request: HttpRequest) -> HttpResponse:
    """Qualifications awaiting verification by the administrator, in their scope."""
    permissions.require_manager(user=request.user)
    pending = selectors.qualifications_to_verify(user=request.user)
    page = Paginator(pending, 50).get_page(request.GET.get("page"))
    return render(request, "credentials/review.html", {"page": page})


@require_POST
def qualification_verify(request: HttpRequest, pk: int) -> HttpResponse:
    qualification = permissions.qualification_for_manager(user=request.user, qualification_id=pk)
    qualifications.qualification_verify(qualification=qualification, by=request.user)
    messages.success(request, _("已核验。"))
    return redirect("credentials:review")


def qualification_scan(request: HttpRequest, pk: int) -> HttpResponse:
    qualification = permissions.qualification_for_viewer(user=request.user, qualification_id=pk)
    return private_file_response(qualification.scan, filename=qualification.original_name)


@require_POST
def supervision_certificate_new(request: HttpRequest) -> HttpResponse:
    """A supervisor issues the yearly certificate of supervision given (R7)."""
    profile = permissions.own_supervisor_profile(user=request.user)
    try:
        year = periods.year_from(request.POST.get("year", ""), today=timezone.localdate())
        services.supervision_certificate_issue(profile=profile, year=year, issued_by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("督导服务证明已出具。"))
    return redirect("credentials:mine")


def person_certificates(request: HttpRequest, person_id: int) -> HttpResponse:
    """An administrator's view of one person's certificates: issue, revoke with a reason."""
    person = permissions.person_for_issuer(user=request.user, person_id=person_id)
    return render(
        request,
        "credentials/person_certificates.html",
        {"person": person, "certificates": selectors.certificates_of(person=person)},
    )


@require_POST
def certificate_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = permissions.certificate_for_issuer(user=request.user, certificate_id=pk)
    try:
        services.certificate_revoke(
            certificate=certificate,
            revoked_by=request.user,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("证明已撤销。"))
    return redirect("credentials:person_certificates", person_id=certificate.holder_id)


@require_POST
def completion_certificate_new(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The worker issues the completion certificate of a run they completed."""
    enrolment = permissions.own_enrolment(user=request.user, enrolment_id=enrolment_id)
    try:
        services.completion_certificate_issue(enrolment=enrolment, issued_by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("结业证明已出具。"))
    return redirect("credentials:mine")

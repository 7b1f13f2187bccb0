"""Pages for everyone involved in a session: the record, its calendar file, attachments."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.roles import Action
from calendars.ical import render_calendar
from core.files import private_file_response
from supervision import answers, calendar_events, permissions, selectors, services


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.session_for_user(
        user=request.user, session_id=pk, action=Action.VIEW_SUPERVISION
    )
    supervisors = list(session.supervisors.select_related("person"))
    point = session.service_point
    return render(
        request,
        "supervision/session_detail.html",
        {
            "session": session,
            "supervisors": supervisors,
            "parts": answers.with_actions(
                user=request.user, parts=selectors.supervisees_of(session=session)
            ),
            "attachments": session.attachments.all(),
            "is_supervisor": any(s.person.user_id == request.user.pk for s in supervisors),
            "locked": services.year_locked(service_point=point, year=session.held_on.year),
            "history": selectors.history_of(session=session),
        },
    )


def session_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """A one-off calendar file for one session (same UID as in the feeds)."""
    session = permissions.session_for_user(
        user=request.user, session_id=pk, action=Action.VIEW_SUPERVISION
    )
    event = calendar_events.session_event(session=session)
    body = render_calendar([event], name=session.topic)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="supervision-{session.pk}.ics"'
    return response


def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    """An attachment, to those who may see its session."""
    attachment = permissions.attachment_for_user(user=request.user, attachment_id=pk)
    return private_file_response(attachment.file, filename=attachment.name)

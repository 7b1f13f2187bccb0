from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from calendars import ical, services
from calendars.events import events_for_user
from calendars.models import CalendarFeed


@login_not_required
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: no login, the unguessable token is the key; a reset token is a 404."""
    found = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404
    body = ical.render_calendar(
        events_for_user(user=found.user), name=_("社工站日程 · %(name)s") % {"name": found.user}
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="shegongzhan.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def manage(request: HttpRequest) -> HttpResponse:
    """Show the user's feed address, how to subscribe, and a reset button."""
    own = services.feed_for_user(user=request.user)
    url = request.build_absolute_uri(reverse("calendars:feed", args=[own.token]))
    return render(
        request,
        "calendars/manage.html",
        {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]},
    )


@require_POST
def reset(request: HttpRequest) -> HttpResponse:
    services.feed_reset(user=request.user)
    messages.success(request, _("已生成新的订阅地址，旧地址已失效。"))
    return redirect("calendars:manage")

from django.contrib import admin

from outbox.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "state", "attempts", "next_attempt_at"]
    list_filter = [
        ("sent_at", admin.EmptyFieldListFilter),
        ("gave_up_at", admin.EmptyFieldListFilter),
    ]
    readonly_fields = [
        "to",
        "subject",
        "body",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
        "next_attempt_at",
        "gave_up_at",
    ]

    @admin.display(description=OutgoingMail._meta.verbose_name)
    def state(self, mail: OutgoingMail) -> str:
        return OutgoingMail.State(mail.state).label

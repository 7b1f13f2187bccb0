from django.contrib import admin

from outbox.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "sent_at", "attempts"]
    readonly_fields = ["to", "subject", "body", "created_at", "sent_at", "attempts", "last_error"]

from outbox import services


def mail_send(mail_id: int) -> None:
    services.mail_send(mail_id=mail_id)

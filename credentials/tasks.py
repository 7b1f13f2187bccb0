from credentials import services


def certificate_render(certificate_id: int) -> None:
    services.certificate_render(certificate_id=certificate_id)

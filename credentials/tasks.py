from credentials import batches, services


def certificate_render(certificate_id: int) -> None:
    services.certificate_render(certificate_id=certificate_id)


def batch_run(batch_id: int) -> None:
    batches.batch_run(batch_id=batch_id)

import pytest

from supervision import services


@pytest.fixture
def disputed_part(wang_fang_part, wang_fang):
    return services.supervisee_dispute(
        supervisee=wang_fang_part, reason="时长不符", disputed_by=wang_fang.user
    )


@pytest.fixture
def lock(tree, session):
    return services.year_close(service_point=tree.station_a, year=2025, closed_by=None)

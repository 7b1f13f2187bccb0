from tests.supervision.conftest import grades, li_qiang_profile  # noqa: F401  (fixtures)

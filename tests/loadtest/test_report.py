"""The load run's figures: exact percentiles, sign-ins apart, pages during the burst."""

from loadtest import report


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert report.percentile(values, 0.50) == 50
    assert report.percentile(values, 0.95) == 95
    assert report.percentile(values, 0.99) == 99
    assert report.percentile([7], 0.99) == 7


def test_summary_splits_sign_ins_and_measures_pages_during_the_burst():
    records = report.Records()
    for second in range(10):
        records.add(
            name="worker lms:my_hours", started_at=100 + second, milliseconds=50, failed=False
        )
    records.add(name="worker sign-in", started_at=100, milliseconds=900, failed=False)
    records.add(name="burst sign-in", started_at=105, milliseconds=2000, failed=False)
    records.add(name="county accounts:home", started_at=106, milliseconds=800, failed=True)

    lines = report.summary_lines(records)
    text = "\n".join(lines)

    assert "worker pages" in text and "county pages" in text
    sign_ins = next(line for line in lines if line.startswith("sign-ins"))
    assert sign_ins[30:38].strip() == "2"  # requests: the column after the label
    during = next(line for line in lines if line.startswith("pages during the burst"))
    assert during[30:38].strip() == "4"  # my_hours at 105, 106 and 107; county at 106
    assert lines[-1].endswith("NOT met; errors: 1")
    assert records.errors() == 1

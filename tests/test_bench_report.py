"""`make bench`'s verdicts on the issue's targets come from the measured samples."""

from __future__ import annotations

from bench.report import HTML, MKDOCS, PDF, PREVIEW, SHIPPED, markdown, pdf_targets, targets


def sample(tool: str, pages: int, step: str, seconds: float | None, rss: float = 500, status: str = "ok") -> dict:
    return {"tool": tool, "pages": pages, "step": step, "run": 0, "seconds": seconds, "max_rss_mb": rss, "status": status}


def data(samples: list[dict]) -> dict:
    machine = {"date": "d", "cpu": "c", "cores": 2, "ram_gb": 1, "system": "s", "python": "3", "load_average_start": "0"}
    return {"settings": {"timeout": 600, "runs": 1, "command": "make bench"}, "machine": machine, "samples": samples}


def verdicts(samples: list[dict]) -> list[str]:
    return [result for _, _, result in targets(data(samples))]


def test_targets_pass_and_fail_from_the_numbers() -> None:
    fast = [sample(MKDOCS, 400, "clean", 4.0), sample(HTML, 400, "clean", 11.9), sample(HTML, 400, "edit", 0.5),
            sample(HTML, 1000, "clean", 32.0, rss=900), sample(PDF, 1000, "clean", 60.0, rss=1000)]
    assert verdicts(fast) == ["PASS", "PASS", "PASS", "PASS"]
    slow = [sample(MKDOCS, 400, "clean", 4.0), sample(HTML, 400, "clean", 12.1), sample(HTML, 400, "edit", 0.6),
            sample(HTML, 1000, "clean", 33.0, rss=1100), sample(PDF, 1000, "clean", 60.0, rss=1100)]
    assert verdicts(slow) == ["FAIL", "FAIL", "FAIL", "FAIL"]


def test_the_edit_target_uses_the_preview_when_measured_and_memory_the_html_builds() -> None:
    samples = [sample(MKDOCS, 400, "clean", 4.0), sample(HTML, 400, "clean", 11.9), sample(HTML, 400, "edit", 1.5),
               sample(PREVIEW, 400, "edit", 0.4), sample(HTML, 1000, "clean", 32.0, rss=300),
               sample(PDF, 1000, "clean", 60.0, rss=1500)]
    assert verdicts(samples) == ["PASS", "PASS", "PASS", "PASS"]
    samples[3] = sample(PREVIEW, 400, "edit", 0.7)
    assert verdicts(samples)[2] == "FAIL"


def test_a_timed_out_build_fails_a_target_only_when_the_limit_proves_it() -> None:
    samples = [sample(MKDOCS, 400, "clean", 4.0), sample(HTML, 400, "clean", 100.0), sample(HTML, 400, "edit", 1.0),
               sample(HTML, 1000, "clean", None, rss=700, status="timed out")]
    assert verdicts(samples)[1] == "FAIL"  # over 600 s is over 2.7 x 100 s
    assert verdicts(samples)[3].startswith("not measured")  # under 1 GB so far, but unfinished
    samples[1] = sample(HTML, 400, "clean", 300.0)
    assert verdicts(samples)[1] == "not measured"  # 600 s does not prove more than 2.7 x 300 s
    assert "over 600 s (timed out)" in markdown(data(samples))


def test_nothing_measured_is_said_so() -> None:
    assert verdicts([]) == ["not measured"] * 4


def test_the_pdf_targets_of_issue_18_come_from_the_pdf_and_shipped_samples() -> None:
    def pdf_verdicts(samples: list[dict]) -> list[str]:
        return [result for _, _, result in pdf_targets(data(samples))]

    assert pdf_verdicts([]) == ["not measured"] * 5
    met = [sample(MKDOCS, 400, "clean", 8.0), sample(PDF, 400, "clean", 40.0), sample(PDF, 400, "edit", 12.0),
           sample(PDF, 1000, "clean", 108.0, rss=1000), sample(PDF, 1000, "edit", 20.0, rss=900),
           sample(SHIPPED, None, "edit", 2.9)]
    assert pdf_verdicts(met) == ["PASS"] * 5
    # Today's kind of numbers: each just over its limit fails.
    missed = [sample(MKDOCS, 400, "clean", 8.0), sample(PDF, 400, "clean", 40.1), sample(PDF, 400, "edit", 12.1),
              sample(PDF, 1000, "clean", 108.3, rss=1000), sample(PDF, 1000, "edit", 20.0, rss=1024),
              sample(SHIPPED, None, "edit", 3.0)]
    assert pdf_verdicts(missed) == ["FAIL"] * 5
    # A 1000-page build that timed out at 600 s proves more than 2.7 x 40 s; its memory so far is under 1 GB.
    unfinished = [*met[:3], sample(PDF, 1000, "clean", None, rss=900, status="timed out")]
    assert pdf_verdicts(unfinished)[2:4] == ["FAIL", "not measured (a build did not finish)"]
    assert "## Targets (issue 18: the PDFs)" in markdown(data(met))


def test_growth_is_the_median_of_each_runs_own_ratio() -> None:
    def timed(series: str, small: float, large: float) -> list[dict]:
        return [{**sample(PDF, 400, "clean", small), "series": series}, {**sample(PDF, 1000, "clean", large), "series": series}]

    # Run c's 400 pages fell in a fast moment and its 1000 in a slow one: the ratio of the
    # medians (156 / 41 = 3.8) would fail what each run's own builds show (2.5, 2.6, 3.9).
    samples = [*timed("t/0", 40.0, 100.0), *timed("t/1", 60.0, 156.0), *timed("t/2", 41.0, 160.0)]
    row = next(row for row in pdf_targets(data(samples)) if "1000 pages" in row[0])
    assert row[1].startswith("2.60 × (median of 3 runs: 2.50, 2.60, 3.90)") and row[2] == "PASS"
    assert "| this project (PDF) | 2.50, 2.60, 3.90 | 2.60 × | 3.80 × |" in markdown(data(samples))
    slow = [*timed("t/0", 40.0, 112.0), *timed("t/1", 40.0, 116.0), *timed("t/2", 40.0, 100.0)]
    assert next(row for row in pdf_targets(data(slow)) if "1000 pages" in row[0])[1:] == (
        "2.80 × (median of 3 runs: 2.80, 2.90, 2.50)", "FAIL")
    # A run that built one size only pairs with nothing.
    lone = [*timed("t/0", 40.0, 100.0), {**sample(PDF, 1000, "clean", 400.0), "series": "t/1"}]
    assert next(row for row in pdf_targets(data(lone)) if "1000 pages" in row[0])[1].startswith("2.50 × (median of 1 run: 2.50)")

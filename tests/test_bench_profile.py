"""The profile's stages: py-spy's stacks, from every process of a build, sorted by edition."""

from __future__ import annotations

from bench.profile import RATE, read_raw, table

# py-spy's raw format: a process, then frames outermost first, then the sample count.
MAIN = 'process 10:"python -m ppiebook.commands.build pdf";main (ppiebook/commands/build.py:358)'
TAGGED = 'process 11:"python -m ppiebook.commands.build pdf";build_tagged_pdf (ppiebook/commands/build.py:296)'
WORKER = ('process 12:"python -c from multiprocessing.forkserver import main";'
          "_process_worker (concurrent/futures/process.py:261)")
READ = "Builder.read (sphinx/builders/__init__.py:524)"
RAW = [
    f"{MAIN};{READ};read_doc (sphinx/builders/__init__.py:652) 300",
    f"{MAIN};BaseDocTemplate.multiBuild (reportlab/platypus/doctemplate.py:1170) 500",
    f"{TAGGED};{READ} 200",
    f"{WORKER};make_pdf (ppiebook/tagged/builder.py:121);verify (ppiebook/tagged/builder.py:87);"
    "report (ppiebook/tagged/validate.py:73);check (outloud/__init__.py:36) 400",
    f"{WORKER};make_pdf (ppiebook/tagged/builder.py:112);render_typst (ppiebook/tagged/render.py:56) 100",
]


def rows(markdown: str) -> dict[str, str]:
    found = {}
    for line in markdown.splitlines()[2:]:
        label, seconds, _share = (cell.strip() for cell in line.strip("|").split("|"))
        found.setdefault(label, seconds)  # the print edition's rows come first
    return found


def test_each_stack_counts_for_its_edition_and_stage() -> None:
    stacks = read_raw(RAW)
    assert [stack.samples for stack in stacks] == [300, 500, 200, 400, 100]
    markdown = table(stacks)
    seconds = rows(markdown)
    assert seconds["whole build, both editions (processor time)"] == f"{1500 / RATE:.1f}"
    assert seconds["print edition (rst2pdf), all of it"] == f"{800 / RATE:.1f}"
    assert seconds["— ReportLab: layout and rendering"] == f"{500 / RATE:.1f}"
    assert seconds["tagged edition (Typst), all of it"] == f"{700 / RATE:.1f}"
    assert seconds["— PDF/UA validator (outloud)"] == f"{400 / RATE:.1f}"
    assert seconds["— Typst: layout and PDF"] == f"{100 / RATE:.1f}"
    # Reading is counted once per edition: 3 s in the print edition, 2 s in the tagged one.
    reads = [line for line in markdown.splitlines() if "read and parse" in line]
    assert [line.split("|")[2].strip() for line in reads] == [f"{300 / RATE:.1f}", f"{200 / RATE:.1f}"]

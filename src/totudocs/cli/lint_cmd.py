"""``totudocs lint``, ``totudocs rules`` and ``totudocs eval``."""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from totudocs.config import ConfigError, load_config
from totudocs.lint.findings import DocumentResult, Severity
from totudocs.reading import InputError

if TYPE_CHECKING:
    from totudocs.lint.registry import Rule

LINT_FORMATS = ("text", "json", "sarif", "github", "junit")


def _codes(value: str | None) -> list[str]:
    return [code.strip() for code in (value or "").split(",") if code.strip()]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(LINT_FORMATS), default="text", show_default=True)
@click.option("--profile", type=click.Choice(["virkakieli", "selko"]), help="Default: virkakieli.")
@click.option("--lang", type=click.Choice(["fi", "sv"]), help="Language (default: detected).")
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding at or above this level is found.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (default: totudocs.toml or [tool.totudocs] found upwards).",
)
@click.option("--select", help="Only these rule codes or prefixes (FI10, J, ALL), comma-separated.")
@click.option("--extend-select", help="Rules to add to the selection, comma-separated.")
@click.option("--ignore", help="Rule codes or prefixes to leave out, comma-separated.")
@click.option(
    "--exclude", multiple=True, metavar="GLOB",
    help="Leave out files and folders matching GLOB when walking folders (repeatable).",
)
@click.option(
    "--no-respect-gitignore", "respect_gitignore", is_flag=True, flag_value=False, default=True,
    help="Also lint files that .gitignore leaves out.",
)
@click.option(
    "--stdin-filename", metavar="NAME",
    help="With '-': the name (and so the format, by its suffix) of the text on standard input.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Ignore findings recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record the current findings as the baseline and exit 0.",
)
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead.")
@click.option(
    "--explain", is_flag=True,
    help="Show what the justification checks required and which sentence met each requirement "
    "(text output; JSON always carries it as 'evidence' and 'requirements').",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail --fail-on.")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
    help="Processes for many files (0: one per core); the report keeps the input order.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write the report to a file ('-': standard output, the default).",
)
def lint(
    paths: tuple[Path, ...],
    fmt: str,
    profile: str | None,
    lang: str | None,
    fail_on: str,
    config_path: Path | None,
    select: str | None,
    extend_select: str | None,
    ignore: str | None,
    exclude: tuple[str, ...],
    respect_gitignore: bool,
    stdin_filename: str | None,
    baseline: Path | None,
    write_baseline: Path | None,
    statistics: bool,
    explain: bool,
    exit_zero: bool,
    jobs: int,
    output: Path | None,
) -> None:
    """Lint decisions and statements for plain Finnish and Swedish.

    PATHS are documents (.html, .txt, .md, .pdf), case files (.yaml, .json; rendered first, and
    findings point at the case field or phrase the text came from), folders (walked recursively,
    .gitignore respected; YAML and JSON there only when they are case files), globs, or '-' for
    standard input.

    \b
    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it, or
    invalid case data; 2 usage or runtime error (an unknown rule code, an input or
    baseline file that is missing or cannot be read). Every readable input is still
    linted and reported.
    """
    from totudocs.inputs import STDIN, discover
    from totudocs.lint.engine import LintContext, fingerprint, lint_path, read_baseline
    from totudocs.lint.engine import write_baseline as save_baseline
    from totudocs.lint.registry import matching_codes, selected_codes
    from totudocs.report import render_report

    try:
        config = load_config(config_path)
        context = LintContext.from_config(config, profile)
        settings = config.section("lint")
        if select is not None or extend_select or ignore:
            context.rules = selected_codes(
                _codes(select) if select is not None else settings.get("select"),
                [*settings.get("extend_select", []), *_codes(extend_select)],
                [*settings.get("ignore", []), *_codes(ignore)],
            )
        per_file_ignores = {
            pattern: matching_codes(codes)
            for pattern, codes in settings.get("per_file_ignores", {}).items()
        }
    except (ConfigError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None
    try:
        ignored = read_baseline(baseline) if baseline else set()
    except InputError as exc:
        _fail(f"baseline {exc}")
    to_stdout = output is None or output == STDIN
    # The text report shows a document's error next to its path; other formats and -o files may
    # not reach the terminal, so errors also go to standard error there.
    errors_to_stderr = fmt != "text" or not to_stdout
    inputs = discover(paths, exclude=(*settings.get("exclude", []), *exclude),
                      respect_gitignore=respect_gitignore)
    if not inputs:
        _fail(f"no documents or case files found in {', '.join(str(p) for p in paths)}")

    results: list[DocumentResult] = []
    unreadable = invalid = 0
    files = [item.path for item in inputs if item.path != STDIN]
    parallel = _lint_in_parallel(files, context, lang, jobs) if jobs != 1 else {}
    for item in inputs:
        shown = Path(stdin_filename or "-") if item.path == STDIN else item.path
        if item.path == STDIN:
            outcome = _outcome(lambda name=shown: _lint_stdin(name, context, lang))
        else:
            outcome = parallel.get(item.path) or _outcome(
                lambda path=item.path: lint_path(path, context, lang)
            )
        kind, payload = outcome
        if kind == "unreadable":  # missing or unreadable: a runtime error (exit 2)
            unreadable += 1
            result = DocumentResult(path=str(shown), language=lang or "", error=payload[0])
            if errors_to_stderr:
                click.echo(f"error: {payload[1]}", err=True)
        elif kind == "invalid":  # readable but invalid case data (exit 1)
            invalid += 1
            result = DocumentResult(path=str(shown), language=lang or "", error="invalid case data")
            for problem in payload:
                click.echo(f"error: {problem}", err=True)
        else:
            result = payload
        if ignored:
            result.findings = [f for f in result.findings if fingerprint(f) not in ignored]
        for pattern, codes in per_file_ignores.items():
            if _path_matches(result.path, pattern, config.path):
                result.findings = [f for f in result.findings if f.rule not in codes]
        results.append(result)

    if write_baseline:
        try:
            count = save_baseline(write_baseline, [f for r in results for f in r.findings])
        except OSError as exc:
            _fail(f"{write_baseline}: cannot write the baseline ({exc.strerror or exc})")
        click.echo(f"wrote {count} fingerprint(s) to {write_baseline}", err=True)
        sys.exit(2 if unreadable else 0)

    if statistics:
        report = _statistics(results)
    elif explain and fmt == "text":
        from totudocs.report.formats import to_text

        report = to_text(results, explain=True)
    else:
        report = render_report(results, fmt)
    if to_stdout:
        click.echo(report)
    else:
        assert output is not None
        try:
            output.write_text(report + "\n", encoding="utf-8")
        except OSError as exc:
            _fail(f"{output}: cannot write the report ({exc.strerror or exc})")
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    failing = threshold is not None and any(
        f.severity >= threshold for r in results for f in r.findings
    )
    if unreadable:
        sys.exit(2)
    if exit_zero:
        sys.exit(0)
    sys.exit(1 if failing or invalid else 0)


def _outcome(run: Callable[[], DocumentResult]) -> tuple[str, Any]:
    """A lint result as plain data that crosses process boundaries: ("ok", result),
    ("unreadable", (reason, message)) or ("invalid", [problem, ...])."""
    from totudocs.lint.cases import CaseLintError

    try:
        return "ok", run()
    except InputError as exc:
        return "unreadable", (exc.reason, str(exc))
    except CaseLintError as exc:
        return "invalid", [str(problem) for problem in exc.problems]


def _lint_one(arguments: tuple[Path, Any, str | None]) -> tuple[str, Any]:
    from totudocs.lint.engine import lint_path

    path, context, lang = arguments
    return _outcome(lambda: lint_path(path, context, lang))


def _lint_in_parallel(
    files: list[Path], context: Any, lang: str | None, jobs: int
) -> dict[Path, tuple[str, Any]]:
    """Lint many files on every core, results in input order. The language model is loaded
    once before the workers fork, so they share it instead of loading it each."""
    import gc
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    workers = min(jobs or os.cpu_count() or 1, len(files))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return {}
    from totudocs.reading.language import nlp

    nlp()  # shared copy-on-write by the forked workers
    # The model's objects are moved out of the collector's reach before the fork: a collection
    # in a worker would otherwise write to every page that holds them, copying the model.
    gc.collect()
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            chunk = max(1, len(files) // (workers * 4))
            outcomes = pool.map(_lint_one, [(p, context, lang) for p in files], chunksize=chunk)
            return dict(zip(files, outcomes, strict=True))
    finally:
        gc.unfreeze()


def _path_matches(path: str, pattern: str, config_path: Path | None) -> bool:
    """A per-file-ignores glob, relative to the configuration's folder (as in ruff)."""
    resolved = Path(path).resolve()
    base = (config_path.parent if config_path else Path.cwd()).resolve()
    try:
        relative = resolved.relative_to(base).as_posix()
    except ValueError:
        relative = Path(path).as_posix()
    return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(Path(path).name, pattern)


def _lint_stdin(name: Path, context: object, lang: str | None) -> DocumentResult:
    """Standard input, read as the format its --stdin-filename suffix names (text otherwise)."""
    import dataclasses
    import tempfile

    from totudocs.lint.engine import lint_path

    data = sys.stdin.buffer.read()
    suffix = name.suffix if name.suffix else ".txt"
    with tempfile.TemporaryDirectory(prefix="totudocs-stdin-") as folder:
        temporary = Path(folder) / f"stdin{suffix}"
        temporary.write_bytes(data)
        result = lint_path(temporary, context, lang)  # type: ignore[arg-type]
    result.path = str(name)
    result.findings = [dataclasses.replace(f, path=str(name)) for f in result.findings]
    return result


def _statistics(results: list[DocumentResult]) -> str:
    """Findings per rule, most frequent first (like ``ruff check --statistics``)."""
    from collections import Counter

    counts = Counter((f.rule, f.category) for r in results for f in r.findings)
    lines = [f"{count:5d}  {rule:<6} {category}" for (rule, category), count in
             sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    failed = sum(1 for r in results if r.error)
    if failed:
        lines.append(f"{failed:5d}  input(s) could not be read or validated")
    return "\n".join(lines) if lines else "no findings"


def _fail(message: str) -> NoReturn:
    """A runtime error: one line on standard error, exit 2, no traceback."""
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


@click.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print the full rule documentation as Markdown.")
def rules(code: str | None, markdown: bool) -> None:
    """List the rules, or explain one (by code, name or category)."""
    from totudocs.lint.registry import all_rules, get_rule

    if markdown:
        click.echo(rules_markdown(), nl=False)
        return
    if code:
        try:
            rule = get_rule(code)
        except KeyError:
            raise click.UsageError(f"no rule {code!r}; see `totudocs rules`") from None
        click.echo(_explain(rule))
        return
    click.echo(rules_listing(all_rules()))


def rules_listing(rules_list: Iterable[Rule]) -> str:
    """One line per rule; columns as wide as their longest entry plus two spaces, so a long name
    never runs into the severity."""
    rows = [(r.code, r.name, str(r.severity), r.summary) for r in rules_list]
    widths = [max((len(row[i]) for row in rows), default=0) + 2 for i in range(3)]
    return "\n".join(
        "".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + row[3]
        for row in rows
    )


def _explain(rule) -> str:
    lines = [
        f"{rule.code} {rule.name} ({rule.category}, default {rule.severity}, "
        f"languages: {', '.join(rule.languages)})",
        "",
        rule.summary,
        "",
        f"Why: {rule.rationale}",
        f"Source: {rule.source}",
    ]
    if rule.suggestion:
        lines.append(f"Fix: {rule.suggestion}")
    for label, examples in (("Bad", rule.bad), ("Good", rule.good)):
        for example in examples:
            lines.append(f"{label}: {example.text}")
    return "\n".join(lines)


def rules_markdown() -> str:
    from totudocs.lint.registry import all_rules

    parts = [
        "# Rules",
        "",
        "Generated from the rule registry by `totudocs rules --markdown`; do not edit by hand.",
        "",
        "| code | name | category | default | summary |",
        "|---|---|---|---|---|",
    ]
    rules_list = all_rules()
    for r in rules_list:
        parts.append(f"| {r.code} | {r.name} | `{r.category}` | {r.severity} | {r.summary} |")
    for r in rules_list:
        # an explicit anchor, so that SARIF helpUri (TOTUDOCS_DOCS_URL + '#fi101') lands here
        parts += ["", f'<a id="{r.code.lower()}"></a>', "", f"## {r.code} {r.name}", "",
                  r.summary, "", f"**Why.** {r.rationale}", ""]
        parts.append(f"**Source.** {r.source}")
        if r.suggestion:
            parts += ["", f"**Fix.** {r.suggestion}"]
        for label, examples in (("Bad", r.bad), ("Good", r.good)):
            for example in examples:
                parts += ["", f"{label} ({example.language}):", "", f"> {example.text}"]
    return "\n".join(parts) + "\n"


@click.command(name="eval")
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, path_type=Path),
    help="Corpus folder (default: the bundled corpus).",
)
@click.option(
    "--external",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="An external labelled set (labels.json), e.g. ../shared/eval: reported on its own.",
)
@click.option("--profile", type=click.Choice(["virkakieli", "selko"]), default="virkakieli")
@click.option(
    "--only",
    type=click.Choice(["calibration", "dev", "test", "external"]),
    multiple=True,
    help="Report only these sets (repeatable; default: all).",
)
@click.option("--unjudged", is_flag=True,
              help="Print YAML stubs for readability findings no reader has judged, and stop.")
@click.option("-v", "--verbose", is_flag=True,
              help="List every false positive and negative, with the tool's evidence.")
def evaluate(corpus: Path | None, external: Path | None, profile: str, only: tuple[str, ...],
             unjudged: bool, verbose: bool) -> None:
    """Measure the rules on the labelled sets, each reported on its own.

    \b
    calibration  the corpus the rules were written against (in-sample: not a result)
    dev          held-out documents the rules are tuned on
    test         held-out documents never tuned on: the honest figures
    external     documents written outside the team (--external)
    """
    from totudocs.lint import heldout
    from totudocs.lint.evaluate import evaluate_registers, evaluate_rules, format_report
    from totudocs.resources import corpus_dir

    root = corpus or corpus_dir()
    wanted = set(only) or {"calibration", "dev", "test", "external"}
    splits = root / "justification" / "heldout"
    judgements = heldout.load_judgements(root / "readability" / "heldout" / "labels.yaml")
    readability_sets = []
    for split in ("dev", "test"):
        if split in wanted and (splits / split).is_dir():
            readability_sets.append((split, heldout.documents_in(splits / split)))
    if "external" in wanted and external is not None:
        readability_sets.append(("external", heldout.documents_in(external)))
    if unjudged:
        results = [heldout.evaluate_readability(name, paths, judgements)
                   for name, paths in readability_sets]
        click.echo(heldout.unjudged_stubs(results, external={"external"}), nl=False)
        return
    sections = []
    if "calibration" in wanted:
        readability = root / "readability"
        sections.append("== calibration (in-sample: the rules were written against it) ==")
        sections.append(format_report(evaluate_rules(readability, profile),
                                      evaluate_registers(readability), verbose))
        hook = _justification_eval()
        if hook is not None:
            sections.append(hook(root, verbose))
    for split in ("dev", "test"):
        if split in wanted and (splits / split).is_dir():
            purpose = "calibrated on" if split == "dev" else "never tuned on"
            sections.append(f"== held-out {split} ({purpose}) ==")
            items = heldout.heldout_split(splits / split)
            sections.append(heldout.format_justification(
                heldout.evaluate_justification(split, items), verbose))
    if "external" in wanted and external is not None:
        sections.append(f"== external ({external}: validated on, never copied from) ==")
        sections.append(heldout.format_justification(
            heldout.evaluate_justification("external", heldout.external_set(external)), verbose))
    for name, paths in readability_sets:
        sections.append(heldout.format_readability(
            heldout.evaluate_readability(name, paths, judgements), verbose))
    if readability_sets:
        second = heldout.load_judgements(root / "readability" / "heldout" / "second_reader.yaml")
        agreement = heldout.reader_agreement(judgements, second)
        if agreement:
            sections.append(agreement)
    click.echo("\n\n".join(sections))


def _justification_eval():
    """The justification suite, when its module is present."""
    try:
        from totudocs.lint.justification.evaluate import report as justification_report
    except ImportError:
        return None
    return justification_report

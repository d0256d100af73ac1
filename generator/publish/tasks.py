"""What the workers of a build are given: whole microsites, or, for a rebuild of fewer microsites than
processes, each language of a microsite apart, so that every core builds (``site.assemble``)."""

from __future__ import annotations

from pathlib import Path


def split_tasks(slugs: list[str], languages: tuple[str, ...], jobs: int) -> list[str]:
    """What the workers are given: each residence in every language (``slug``) or, when there are fewer
    residences than processes (a rebuild after one change), each residence in each language
    (``slug/lang``), so that every core builds: one microsite in three languages is three MkDocs builds."""
    if len(slugs) >= jobs or len(languages) == 1:
        return slugs
    return [f"{slug}/{language}" for slug in slugs for language in languages]


def task_dir(built: Path, task: str, default_language: str) -> Path:
    """Where a task builds: its microsite's folder; a language other than the default one, built alone,
    beside it (``built/.slug.lang``): the default language's MkDocs build empties its own folder."""
    slug, _, language = task.partition("/")
    return built / (f".{slug}.{language}" if language and language != default_language else slug)


def place_language(built: Path, task: str, default_language: str) -> None:
    """A language built apart (``task_dir``) moved into its microsite's folder, once every task is done."""
    apart = task_dir(built, task, default_language)
    slug = task.partition("/")[0]
    if apart.name != slug and apart.is_dir():
        for entry in apart.iterdir():
            entry.rename(built / slug / entry.name)
        apart.rmdir()

"""What a run of the pipeline did, for the command line and `serve` to say."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .errors import Problem


@dataclass
class BuildReport:
    """What a run did: outputs rendered and written, warnings, and how long each step took."""

    pages: int = 0        # HTML outputs of the site
    rendered: int = 0     # outputs rendered in this run (the others came from the cache)
    files: int = 0        # files in the output
    written: int = 0      # files written in this run
    removed: int = 0      # files removed (serve)
    rendered_paths: list[str] = field(default_factory=list)
    search_languages: list[str] = field(default_factory=list)  # whose search index is out of date
    warnings: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)  # never fail a build (errors.NOTICE)
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.timings[name] = time.perf_counter() - start

    @property
    def seconds(self) -> float:
        return sum(self.timings.values())

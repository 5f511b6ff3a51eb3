"""handbook: a static site generator for multilingual handbooks of vision, values and strategy."""

__version__ = "0.1.0"

from .build import BuildReport, build  # noqa: E402
from .errors import HandbookError, Problem  # noqa: E402

__all__ = ["BuildReport", "HandbookError", "Problem", "build", "__version__"]

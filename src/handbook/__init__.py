"""handbook: a static site generator for multilingual handbooks of vision, values and strategy."""

__version__ = "0.1.0"

from .build import BuildReport, build
from .errors import HandbookError, Problem

__all__ = ["BuildReport", "HandbookError", "Problem", "__version__", "build"]

"""`editor:` in site.yaml: the Git host the published editor (admin/) commits to. Without it, a
build publishes no editor; `handbook serve` offers one at /admin/ either way.

    editor:
      backend: github          # github, gitlab or gitea
      repo: example/handbook   # owner/name on the Git host
      branch: main             # optional, default main
      auth_url: https://auth.example.org   # optional: the sign-in service (GitHub, Gitea)
      app_id: 1a2b3c           # optional: GitLab's OAuth application id (sign-in without a service)
      api_root: https://git.example.org/api/v1   # optional: a self-hosted GitLab or Gitea
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .. import definitions
from .. import registry as msg
from ..errors import Problems, suggest
from ..fields import Fields
from ..sources import YamlMap, describe

KEY = "editor"
BACKENDS = definitions.EDITOR_BACKENDS
EDITOR_KEYS = definitions.EDITOR.names
_REPO = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+")
_BRANCH = re.compile(r"[A-Za-z0-9._/-]+")
# Where each Git host's API is, unless api_root says otherwise: the editor's page may connect there.
API_ROOTS = {"github": "https://api.github.com", "gitlab": "https://gitlab.com/api/v4",
             "gitea": "https://try.gitea.io/api/v1"}


@dataclass(frozen=True)
class EditorSettings:
    backend: str
    repo: str
    branch: str = "main"
    auth_url: str | None = None
    app_id: str | None = None
    api_root: str | None = None

    def decap_backend(self) -> dict[str, str]:
        """Decap's `backend:` settings."""
        settings = {"name": self.backend, "repo": self.repo, "branch": self.branch}
        if self.auth_url:
            settings["base_url"] = self.auth_url
        if self.app_id:
            settings.update(app_id=self.app_id, auth_type="pkce")
        if self.api_root:
            settings["api_root"] = self.api_root
        return settings

    @property
    def origins(self) -> tuple[str, ...]:
        """The hosts the editor's page talks to: the Git host's API (and its sign-in)."""
        urls = [self.api_root or API_ROOTS[self.backend]]
        if self.backend == "gitlab" and not self.api_root:
            urls.append("https://gitlab.com")
        return tuple(sorted({f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in urls}))


def read_editor(data: YamlMap, problems: Problems) -> EditorSettings | None:
    """The `editor:` setting, each mistake a problem at its line."""
    if KEY not in data or data[KEY] is None:
        return None
    value = data[KEY]
    if not isinstance(value, YamlMap):
        line, column = data.position(KEY)
        problems.error("site.yaml", msg.EDITOR_NOT_MAPPING(kind=describe(value)), line, column, msg.EDITOR_EXAMPLE())
        return None
    fields = Fields(value, problems, EDITOR_KEYS, f"'{KEY}'")
    backend = fields.text("backend", required=True)
    if backend is not None and backend not in BACKENDS:
        fields.error("backend", msg.EDITOR_BACKEND(backend=backend),
                     suggest(backend, BACKENDS) or msg.USE_ONE_OF(choices=", ".join(BACKENDS)))
        backend = None
    repo = fields.text("repo", required=True)
    if repo is not None and not _REPO.fullmatch(repo):
        fields.error("repo", msg.EDITOR_REPO(repo=repo), msg.REPO_EXAMPLE())
        repo = None
    branch = fields.text("branch") or "main"
    if not _BRANCH.fullmatch(branch) or ".." in branch:
        fields.error("branch", msg.EDITOR_BRANCH(branch=branch), msg.BRANCH_EXAMPLE())
    urls = {}
    for key in ("auth_url", "api_root"):
        url = fields.text(key)
        if url is not None and (urlsplit(url).scheme != "https" or not urlsplit(url).netloc):
            fields.error(key, msg.EDITOR_HTTPS(key=key, url=url))
            url = None
        urls[key] = url
    app_id = fields.text("app_id")
    if backend is None or repo is None:
        return None
    return EditorSettings(backend, repo, branch, urls["auth_url"], app_id, urls["api_root"])

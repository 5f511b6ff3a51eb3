"""A Git host as Decap's GitHub backend sees it, for tests of the published editor (admin/): the
calls Decap makes to api.github.com are answered inside the browser (a Playwright route) from
a repository held in memory, so nothing leaves this computer and every commit can be read back.

Only what Decap's GitHub backend uses for simple publishing is here: the user, the repository
and its branch, trees of folders, blobs, and a commit (blobs, a tree, a commit, the branch moved
to it). Anything else is answered 404 and recorded in `unknown`."""

from __future__ import annotations

import base64
import hashlib
import json
from urllib.parse import parse_qs, unquote, urlsplit

API = "https://api.github.com"


class FakeGitHub:
    def __init__(self, repo: str, branch: str, files: dict[str, bytes]):
        self.repo, self.branch = repo, branch
        self.files = dict(files)  # the branch as it is now: path -> bytes
        self.blobs: dict[str, bytes] = {}
        self.trees: dict[str, dict[str, bytes]] = {}
        self.commits: dict[str, dict] = {}
        self.head = self._commit("first", self.files, [])
        self.messages: list[str] = []  # the commits Decap made, in order
        self.unknown: list[str] = []

    # -- the repository ---------------------------------------------------------------------------

    @staticmethod
    def _sha(data: bytes) -> str:
        return hashlib.sha1(data).hexdigest()

    def _blob(self, data: bytes) -> str:
        sha = self._sha(b"blob\0" + data)
        self.blobs[sha] = data
        return sha

    def _tree(self, files: dict[str, bytes]) -> str:
        sha = self._sha(json.dumps(sorted((path, self._blob(data)) for path, data in files.items())).encode())
        self.trees[sha] = dict(files)
        return sha

    def _commit(self, message: str, files: dict[str, bytes], parents: list[str]) -> str:
        tree = self._tree(files)
        sha = self._sha(json.dumps([message, tree, parents]).encode())
        self.commits[sha] = {"tree": tree, "message": message}
        return sha

    def _listing(self, folder: str, recursive: bool) -> list[dict]:
        prefix = folder.strip("/") + "/"
        entries, folders = [], set()
        for path in sorted(self.files):
            if not path.startswith(prefix):
                continue
            parts = path[len(prefix):].split("/")
            if len(parts) == 1 or recursive:
                entries.append({"path": "/".join(parts), "mode": "100644", "type": "blob",
                                "sha": self._blob(self.files[path]), "size": len(self.files[path])})
            for depth in range(1, len(parts) if recursive else min(2, len(parts))):
                sub = "/".join(parts[:depth])
                if sub not in folders:
                    folders.add(sub)
                    entries.append({"path": sub, "mode": "040000", "type": "tree", "sha": self._sha(sub.encode())})
        return entries

    # -- the API ----------------------------------------------------------------------------------

    def answer(self, method: str, url: str, body: bytes | None) -> tuple[int, object]:
        parts = urlsplit(url)
        path, query = unquote(parts.path), parse_qs(parts.query)
        repo = f"/repos/{self.repo}"
        sent = json.loads(body) if body else {}
        if (method, path) == ("GET", "/user"):
            return 200, {"login": "editor", "name": "Editor", "avatar_url": ""}
        if (method, path) == ("GET", repo):
            owner, name = self.repo.split("/")
            return 200, {"full_name": self.repo, "name": name, "owner": {"login": owner},
                         "default_branch": self.branch, "permissions": {"admin": False, "push": True, "pull": True}}
        if (method, path) == ("GET", f"{repo}/branches/{self.branch}"):
            return 200, {"name": self.branch, "commit": {"sha": self.head,
                                                          "commit": {"tree": {"sha": self.commits[self.head]["tree"]}}}}
        if method == "GET" and path.startswith(f"{repo}/git/trees/{self.branch}:"):
            folder = path.removeprefix(f"{repo}/git/trees/{self.branch}:")
            entries = self._listing(folder, "recursive" in query)
            if not entries:
                return 404, {"message": "Not Found"}
            return 200, {"sha": self._sha(folder.encode()), "tree": entries, "truncated": False}
        if method == "GET" and path.startswith(f"{repo}/git/blobs/"):
            data = self.blobs.get(path.rsplit("/", 1)[1])
            if data is None:
                return 404, {"message": "Not Found"}
            return 200, {"content": base64.b64encode(data).decode("ascii"), "encoding": "base64"}
        if (method, path) == ("POST", f"{repo}/git/blobs"):
            content = sent["content"]
            return 201, {"sha": self._blob(base64.b64decode(content) if sent.get("encoding") == "base64"
                                           else content.encode("utf-8"))}
        if (method, path) == ("POST", f"{repo}/git/trees"):
            files = dict(self.trees.get(sent.get("base_tree"), self.files))
            for item in sent["tree"]:
                if item.get("sha") is None:
                    files.pop(item["path"], None)
                else:
                    files[item["path"]] = self.blobs[item["sha"]]
            return 201, {"sha": self._tree(files)}
        if (method, path) == ("POST", f"{repo}/git/commits"):
            sha = self._commit(sent["message"], self.trees[sent["tree"]], sent.get("parents", []))
            return 201, {"sha": sha, "tree": {"sha": sent["tree"]}}
        if (method, path) == ("PATCH", f"{repo}/git/refs/heads/{self.branch}"):
            commit = self.commits[sent["sha"]]
            self.head, self.files = sent["sha"], dict(self.trees[commit["tree"]])
            self.messages.append(commit["message"])
            return 200, {"ref": f"refs/heads/{self.branch}", "object": {"sha": self.head}}
        if (method, path) == ("GET", f"{repo}/commits"):
            return 200, []  # who changed a file last: not needed
        self.unknown.append(f"{method} {url}")
        return 404, {"message": "Not Found"}

    def route(self, route) -> None:
        """A Playwright route handler for https://api.github.com/**."""
        request = route.request
        cors = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*",
                "Access-Control-Allow-Methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS"}
        if request.method == "OPTIONS":
            route.fulfill(status=204, headers=cors)
            return
        status, answer = self.answer(request.method, request.url, request.post_data_buffer)
        route.fulfill(status=status, headers={**cors, "Content-Type": "application/json; charset=utf-8"},
                      body=json.dumps(answer))

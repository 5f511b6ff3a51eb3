"""The editor's local backend: the protocol Decap's `decap-server` proxy speaks (POST /api/v1 with
{action, params}), answered by handbook itself, so that editing on this computer needs nothing
but Python.

It reads and writes only what a handbook's sources may hold, and only inside content/:
organisation.yaml files, pages (content/<org>/<file>.md) and media (content/<org>/media/<file>).
A path with '..', an absolute path, a hidden part, a link that leads elsewhere, an upload of a
kind the build would refuse or larger than MAX_MEDIA_BYTES is refused with a message. A save
is checked like `handbook check` checks the file (checking.py) and written only without
errors, through the round trip of saving.py, so that only what changed changes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .. import registry as msg
from ..config import load_config
from ..content import CONTENT_DIR, MAX_PAGE_BYTES, ORGANISATION_FILE, PAGE_FILE, SLUG
from ..errors import HandbookError, Problem, headline
from ..markdown import MarkdownRenderer, TooSlow
from ..messages import ERROR, TEXT, Language, Text, english
from ..sanitise import media_problem, svg_problem
from ..sources import describe
from .checking import check_file, errors
from .config import ORGANISATIONS
from .fields import SECTION_KINDS, Field, kind_of, organisation_fields, page_fields
from .layout import MEDIA, Layout, read_layout
from .saving import NotReadable, merged, read_sent

MAX_MEDIA_BYTES = 20 * 1024 * 1024
# A request holds at most one upload, base64-encoded (4/3 of its size), and a page.
MAX_REQUEST_BYTES = MAX_MEDIA_BYTES * 4 // 3 + 2 * MAX_PAGE_BYTES + 64 * 1024
_MAX_PATH = 512
# The branch Decap is told it edits (config.yml); the local backend writes into the folder itself.
BRANCH = "main"


class Refused(Exception):
    """A request the backend will not carry out; its message, from the registry, is shown to
    the editor in the editor's language, with its code."""

    def __init__(self, message: Text, status: int = 422):
        super().__init__(message.code)
        self.message = message
        self.status = status


def refusal(message: Text, say: Language) -> dict[str, str]:
    """The JSON answer to a refused request: what Decap shows ('error'), and the code alone for
    scripts. A refusal is `error[HB657]: …`, as the command line says it; a save refused for
    the checks' findings lists them, each with its own place and code."""
    said = say(message) if message.kind == TEXT else headline(ERROR, message, say)
    return {"error": said, "code": message.code}


@dataclass(frozen=True)
class Saved:
    """Files a request wrote, relative to the site, and warnings the checks found."""

    files: tuple[str, ...]
    warnings: tuple[Problem, ...] = ()


class LocalBackend:
    """Answers the editor's requests for one site folder."""

    def __init__(self, root: Path, on_saved: Callable[[Saved], None] | None = None,
                 say: Language | None = None):
        self.root = root.resolve()
        self.say = say or english()  # the editor's language, for the problems a refusal shows
        self.content = self.root / CONTENT_DIR
        self.on_saved = on_saved
        self._markdown: MarkdownRenderer | None = None

    # -- the protocol -----------------------------------------------------------------------

    def handle(self, request: object) -> tuple[int, Any]:
        """(HTTP status, JSON answer) for one request."""
        try:
            if not isinstance(request, dict) or not isinstance(request.get("action"), str):
                raise Refused(msg.REQUEST_SHAPE(), 400)
            params = request.get("params") or {}
            if not isinstance(params, dict):
                raise Refused(msg.PARAMS_NOT_OBJECT(kind=describe(params)), 400)
            action = request["action"]
            handler = _ACTIONS.get(action)
            if handler is None:
                raise Refused(msg.UNKNOWN_ACTION(action=action[:80]) if action not in _UNSUPPORTED else
                              msg.ACTION_NOT_OFFERED(action=action))
            branch = params.get("branch", BRANCH)
            if branch != BRANCH:
                raise Refused(msg.WRONG_BRANCH(main=BRANCH, branch=str(branch)[:80]), 400)
            return 200, handler(self, params)
        except Refused as refused:
            return refused.status, refusal(refused.message, self.say)

    def info(self, params: dict) -> dict:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def entries_by_folder(self, params: dict) -> list[dict]:
        folder = _text(params, "folder").strip("/")
        extension = _text(params, "extension").lstrip(".")
        layout = self.layout()
        if folder == CONTENT_DIR and extension in ("yaml", "yml"):
            paths = [f"{o.folder}/{ORGANISATION_FILE}" for o in layout.organisations]
        else:
            organisation = layout.organisation(folder.removeprefix(f"{CONTENT_DIR}/"))
            if organisation is None or extension != "md":
                return []
            # The organisation's other pages, in their original language (config.pages_collection).
            paths = [f"{organisation.folder}/{page}.md" for page in organisation.pages
                     if page not in SECTION_KINDS]
        return [self._entry(path) for path in paths]

    def entries_by_files(self, params: dict) -> list[dict]:
        files = params.get("files")
        if not isinstance(files, list):
            raise Refused(msg.MUST_BE_LIST(key="files", kind=describe(files)), 400)
        return [self._entry(_text(item, "path"), item.get("label")) for item in files if isinstance(item, dict)]

    def get_entry(self, params: dict) -> dict:
        return self._entry(_text(params, "path"))

    def persist_entry(self, params: dict) -> dict:
        files = params.get("dataFiles") or ([params["entry"]] if isinstance(params.get("entry"), dict) else [])
        assets = params.get("assets") or []
        if not isinstance(files, list) or not isinstance(assets, list) or not files:
            raise Refused(msg.NOTHING_TO_SAVE(), 400)
        writes: list[tuple[Path, bytes]] = []
        warnings: list[Problem] = []
        for data_file in files:
            if not isinstance(data_file, dict):
                raise Refused(msg.FILE_TO_SAVE_SHAPE(), 400)
            if data_file.get("newPath"):
                raise Refused(msg.NO_MOVING())
            path = _text(data_file, "path")
            raw = data_file.get("raw")
            if not isinstance(raw, str):
                raise Refused(msg.NO_TEXT_TO_SAVE(path=path), 400)
            target, text, found = self._prepare(path, raw)
            if text is not None:
                writes.append((target, text.encode("utf-8")))
            warnings += found
        for asset in assets:
            if not isinstance(asset, dict):
                raise Refused(msg.UPLOAD_SHAPE(), 400)
            writes.append(self._upload(asset))
        written = [self._write(target, data) for target, data in writes]
        self._saved(written, warnings)
        return {"message": "entry persisted"}

    def get_media(self, params: dict) -> list[dict]:
        asked = _text(params, "mediaFolder").strip("/")
        if asked == CONTENT_DIR:
            return []  # Decap's media library outside an entry: media belong to an organisation
        if self._organisation_folder(asked):
            # A new page has no file yet, so Decap asks for the folder it will be in: the media
            # it can use are that organisation's.
            asked = f"{asked}/{MEDIA}"
        folder = self._media_folder(asked)
        if not folder.is_dir():
            return []
        files = sorted(p for p in folder.iterdir() if not p.name.startswith(".") and _is_file(p))
        return [self._media_file(p) for p in files if media_problem(p.name) is None]

    def get_media_file(self, params: dict) -> dict:
        target = self._path(_text(params, "path"), existing=True)
        if self._kind(target) != MEDIA:
            raise Refused(msg.NOT_MEDIA(path=self._relative(target)))
        return self._media_file(target)

    def persist_media(self, params: dict) -> dict:
        asset = params.get("asset")
        if not isinstance(asset, dict):
            raise Refused(msg.UPLOAD_SHAPE(), 400)
        target, data = self._upload(asset)
        self._saved([self._write(target, data)], [])
        return self._media_file(target)

    def delete_file(self, params: dict) -> dict:
        path = _text(params, "path")
        self._delete([path])
        return {"message": f"deleted file {path}"}

    def delete_files(self, params: dict) -> dict:
        paths = params.get("paths")
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise Refused(msg.PATHS_NOT_LIST(key="paths"), 400)
        self._delete(paths)
        return {"message": f"deleted files {', '.join(paths)}"}

    def get_deploy_preview(self, params: dict) -> None:
        return None

    # -- reading ------------------------------------------------------------------------------

    def layout(self) -> Layout:
        try:
            config = load_config(self.root)
        except HandbookError as exc:
            raise Refused(msg.SITE_HAS_ERRORS(problems=_messages(exc.problems, self.say))) from None
        return read_layout(self.root, config.languages, config.default_language)

    def _entry(self, path: str, label: object = None) -> dict:
        """A file as Decap reads entries: {data, file: {path, label, id}}. A translation not
        written yet starts as its original, to be translated, as `handbook new page` starts
        it: marked as a draft and with the language it is translated from."""
        target = self._path(path, existing=False)
        if self._kind(target) == MEDIA:
            raise Refused(msg.MEDIA_NOT_ENTRY(path=path))
        data: str | None = None
        if _is_file(target):
            data = target.read_bytes().decode("utf-8", errors="replace")
            found = hashlib.sha256(data.encode()).hexdigest()
        else:
            data, found = self._translation_to_start(self.layout(), target), None
        file: dict[str, Any] = {"path": path, "id": found}
        if isinstance(label, str):
            file["label"] = label
        return {"data": data, "file": file}

    def _translation_to_start(self, layout: Layout, target: Path) -> str | None:
        match = PAGE_FILE.fullmatch(target.name)
        organisation = layout.organisation(target.parent.name)
        original = target.with_name(f"{match['id']}.md") if match and match["lang"] else None
        if organisation is None or original is None or not _is_file(original):
            return None
        try:
            sent = read_sent(original.read_bytes().decode("utf-8", errors="replace"), markdown=True)
        except NotReadable:
            return None
        values = {key: value for key, value in sent.values.items() if key not in ("review_by", "slug")}
        values.update(translated_from=organisation.language, draft=True)
        front = yaml.safe_dump(values, allow_unicode=True, sort_keys=False)
        return f"---\n{front}---\n{sent.body or ''}"

    def _media_file(self, target: Path) -> dict:
        data = target.read_bytes()
        return {"id": hashlib.sha256(data).hexdigest(), "content": base64.b64encode(data).decode("ascii"),
                "encoding": "base64", "path": self._relative(target), "name": target.name}

    def _organisation_folder(self, folder: str) -> bool:
        parts = folder.split("/")
        return (len(parts) == 2 and parts[0] == CONTENT_DIR and bool(SLUG.fullmatch(parts[1]))
                and _is_file(self.content / parts[1] / ORGANISATION_FILE))

    def _media_folder(self, folder: str) -> Path:
        target = self._path(folder.strip("/"), existing=False)
        parts = target.relative_to(self.content).parts
        if len(parts) != 2 or parts[1] != MEDIA:
            raise Refused(msg.MEDIA_FOLDER_ONLY(path=folder[:_MAX_PATH]))
        return target

    # -- the rules for paths ----------------------------------------------------------------------

    def _path(self, path: str, existing: bool) -> Path:
        """The file a path names, refused unless it is inside content/ with no '..', absolute,
        hidden or empty part, and leads nowhere else through a link."""
        if not path or len(path) > _MAX_PATH or "\x00" in path or "\\" in path:
            raise Refused(msg.NOT_A_PATH(path=path[:80]), 400)
        pure = PurePosixPath(path)
        if pure.is_absolute() or re.match(r"^[A-Za-z]:", path):
            raise Refused(msg.ABSOLUTE_PATH(path=path), 403)
        parts = path.split("/")
        if any(part in ("", ".", "..") for part in parts):
            raise Refused(msg.DOTS_IN_PATH(path=path), 403)
        if any(part.startswith(".") for part in parts):
            raise Refused(msg.HIDDEN_PATH(path=path), 403)
        if parts[0] != CONTENT_DIR or len(parts) < 2:
            raise Refused(msg.ONLY_CONTENT(path=path), 403)
        target = self.root.joinpath(*parts)
        # Every part that exists must be a real folder or file inside content/, never a link.
        current = self.root
        for part in parts:
            current = current / part
            try:
                info = os.lstat(current)
            except FileNotFoundError:
                break
            if stat.S_ISLNK(info.st_mode):
                raise Refused(msg.PATH_IS_LINK(path=self._relative(current)), 403)
        if not (target.resolve() == self.content or self.content in target.resolve().parents):
            raise Refused(msg.PATH_OUTSIDE(path=path), 403)
        if existing and not _is_file(target):
            raise Refused(msg.FILE_NOT_THERE(path=path), 404)
        return target

    def _kind(self, target: Path) -> str:
        """What a file under content/ is: 'organisation', 'page' or media; refused otherwise."""
        parts = target.relative_to(self.content).parts
        if len(parts) >= 3 and parts[1] == MEDIA:
            return MEDIA
        if len(parts) == 2 and SLUG.fullmatch(parts[0]):
            if parts[1] == ORGANISATION_FILE:
                return ORGANISATIONS
            if PAGE_FILE.fullmatch(parts[1]):
                return "page"
        raise Refused(msg.NOT_EDITABLE(path=self._relative(target)), 403)

    def _relative(self, target: Path) -> str:
        return target.relative_to(self.root).as_posix()

    # -- saving -------------------------------------------------------------------------------

    def _prepare(self, path: str, raw: str) -> tuple[Path, str | None, list[Problem]]:
        """The file to write and its text (None: unchanged), refused with the check's errors."""
        target = self._path(path, existing=False)
        kind = self._kind(target)
        layout = self.layout()
        if kind == MEDIA:
            raise Refused(msg.MEDIA_NOT_SAVED(path=path), 400)
        if len(raw.encode("utf-8")) > MAX_PAGE_BYTES:
            raise Refused(msg.TEXT_TOO_LONG(path=path, size=MAX_PAGE_BYTES // 1024), 413)
        old = target.read_bytes().decode("utf-8") if _is_file(target) else None
        if old is not None:
            old = old.removeprefix("\ufeff")
        fields = self._fields(layout, target, kind)
        try:
            text = merged(old, read_sent(raw, markdown=kind == "page"), fields, self._same_body)
        except NotReadable as exc:
            raise Refused(exc.text(path), 400) from None
        if text == old:
            return target, None, []
        problems = check_file(self.root, path, text)
        if errors(problems):
            raise Refused(msg.NOT_SAVED(problems=_messages(errors(problems), self.say)))
        return target, text, [p for p in problems if p not in errors(problems)]

    def _fields(self, layout: Layout, target: Path, kind: str) -> tuple[Field, ...]:
        """The fields the editor shows for this file, and so may change in it."""
        if kind == ORGANISATIONS:
            return organisation_fields(layout.languages)
        match = PAGE_FILE.fullmatch(target.name)
        assert match is not None
        original = match["lang"] is None
        return tuple(f for f in page_fields(kind_of(match["id"]), layout.languages)
                     if not (f.originals_only if not original else f.translations_only))

    def _same_body(self, old: str, new: str) -> bool:
        """Two Markdown bodies that make the same HTML (the editor's rich text mode may write
        Markdown another way): the one on disk is kept."""
        if old.strip() == new.strip():
            return True
        if self._markdown is None:
            self._markdown = MarkdownRenderer()
        try:
            return self._markdown.block(old, "en").html == self._markdown.block(new, "en").html
        except TooSlow:
            return False

    def _upload(self, asset: dict) -> tuple[Path, bytes]:
        path = _text(asset, "path")
        target = self._path(path.lstrip("/") if path.startswith(f"/{CONTENT_DIR}/") else path, existing=False)
        parts = target.relative_to(self.content).parts
        if len(parts) != 3 or parts[1] != MEDIA or not SLUG.fullmatch(parts[0]):
            raise Refused(msg.UPLOAD_OUTSIDE_MEDIA(path=path), 403)
        if not (self.content / parts[0] / ORGANISATION_FILE).is_file():
            raise Refused(msg.UPLOAD_NO_ORGANISATION(path=path, slug=parts[0]), 403)
        why = media_problem(target.name)
        if why:
            raise Refused(msg.CANNOT_UPLOAD(name=target.name, reason=why), 415)
        if asset.get("encoding") != "base64" or not isinstance(asset.get("content"), str):
            raise Refused(msg.UPLOAD_NOT_BASE64(path=path), 400)
        content = asset["content"]
        if len(content) > MAX_MEDIA_BYTES * 4 // 3 + 4:
            raise Refused(msg.UPLOAD_TOO_LARGE(name=target.name, size=MAX_MEDIA_BYTES // (1024 * 1024)), 413)
        try:
            data = base64.b64decode(content, validate=True)
        except (binascii.Error, ValueError):
            raise Refused(msg.UPLOAD_BAD_BASE64(path=path), 400) from None
        if len(data) > MAX_MEDIA_BYTES:
            raise Refused(msg.UPLOAD_TOO_LARGE(name=target.name, size=MAX_MEDIA_BYTES // (1024 * 1024)), 413)
        if target.suffix.lower() == ".svg":
            problem = svg_problem(data)
            if problem:
                raise Refused(msg.SVG_NOT_PUBLISHABLE(name=target.name, reason=problem), 415)
        return target, data

    def _write(self, target: Path, data: bytes) -> str:
        """Write a file whole (a reader never sees half of it), creating its folders."""
        folder = target.parent
        folder.mkdir(parents=True, exist_ok=True)
        if not folder.resolve().is_relative_to(self.content) or target.is_symlink():
            raise Refused(msg.PATH_OUTSIDE(path=self._relative(target)), 403)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".handbook-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            mode = stat.S_IMODE(os.stat(target).st_mode) if target.exists() else 0o644
            os.chmod(temporary, mode)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return self._relative(target)

    def _delete(self, paths: list[str]) -> None:
        targets = [self._path(path, existing=True) for path in paths]
        for target in targets:
            if self._kind(target) != MEDIA:
                raise Refused(msg.ONLY_MEDIA_DELETED(path=self._relative(target)))
        for target in targets:
            target.unlink()
        self._saved([self._relative(t) for t in targets], [])

    def _saved(self, files: list[str], warnings: list[Problem]) -> None:
        if self.on_saved is not None and files:
            self.on_saved(Saved(tuple(files), tuple(warnings)))


_ACTIONS: dict[str, Callable[[LocalBackend, dict], Any]] = {
    "info": LocalBackend.info,
    "entriesByFolder": LocalBackend.entries_by_folder,
    "entriesByFiles": LocalBackend.entries_by_files,
    "getEntry": LocalBackend.get_entry,
    "persistEntry": LocalBackend.persist_entry,
    "getMedia": LocalBackend.get_media,
    "getMediaFile": LocalBackend.get_media_file,
    "persistMedia": LocalBackend.persist_media,
    "deleteFile": LocalBackend.delete_file,
    "deleteFiles": LocalBackend.delete_files,
    "getDeployPreview": LocalBackend.get_deploy_preview,
}
# The editorial workflow's actions (drafts on branches): not offered.
_UNSUPPORTED = frozenset({"unpublishedEntries", "unpublishedEntry", "unpublishedEntryDataFile",
                          "unpublishedEntryMediaFile", "deleteUnpublishedEntry",
                          "updateUnpublishedEntryStatus", "publishUnpublishedEntry"})


def _text(params: dict, key: str) -> str:
    value = params.get(key)
    if not isinstance(value, str):
        raise Refused(msg.MUST_BE_TEXT(key=key, kind=describe(value)), 400)
    return value


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _messages(problems: list[Problem], say: Language) -> str:
    return "\n".join(p.format(say) for p in problems)

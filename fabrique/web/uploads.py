"""Uploaded files read within a fixed budget of bytes, on every path, public or admin.

A file of one megabyte can make a careless check hold a gigabyte: a zip entry that
declares (or inflates to) 1 GiB is inflated whole by ``ZipFile.read``; an audio header can
declare a tag of 256 MB that a parser then reads; a request can carry files far over the
limit that Django spools whole before any form looks at them. Three such requests at
once were enough to get every worker of the site killed. So:

- ``open_zip`` checks an archive before anything reads an entry: the end record (number
  of entries, size of the directory) from the last 64 KB of the file, then every entry's
  declared size and its ratio to its compressed size. Entries are then read with
  ``read_member``, which never returns more than the few bytes asked for, whatever the
  entry really inflates to (a declared size that lies changes nothing).
- ``BudgetedReader`` gives a parser (mutagen, openpyxl's zip) a file that refuses to hand
  out more than a fixed number of bytes in total.
- ``BoundedUploadHandler`` (first of ``FILE_UPLOAD_HANDLERS``) keeps what a stranger's
  request may hold to the limits the public forms declare (``register_public_upload_limit``):
  a body larger than any of them could accept is refused before a byte of it is read; a
  file over the per-file size, or beyond the number of files, is read on in bounded pieces
  and dropped, and reaches the form as an empty file of its real size, which the form
  refuses with its own French message, the rest of the form (text, tokens) intact.
"""

import struct
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

KB = 1024
MB = 1024 * KB


class UnsafeUpload(Exception):
    """A file refused before (or while) being read: it would cost more than its budget."""


class ReadBudgetExceeded(UnsafeUpload, OSError):
    """A parser asked for more bytes than the file's budget (an ``OSError``: parsers that
    handle a broken file handle this one the same way)."""


# --- Archives ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ZipLimits:
    """What an archive may declare. The defaults fit office documents of a few MB."""

    max_entries: int = 1000
    max_directory_bytes: int = 1 * MB
    max_entry_bytes: int = 100 * MB
    max_total_bytes: int = 200 * MB
    # Declared size / compressed size; office XML compresses 5 to 20 times, a bomb 1000.
    max_ratio: int = 200
    # Entries smaller than this may compress as well as they like: they cost nothing.
    ratio_floor: int = 64 * KB


END_RECORD = struct.Struct("<4s4H2LH")
END_SIGNATURE = b"PK\x05\x06"
ZIP64_LOCATOR = struct.Struct("<4sLQL")
ZIP64_LOCATOR_SIGNATURE = b"PK\x06\x07"
ZIP64_END_RECORD = struct.Struct("<4sQ2H2L4Q")
ZIP64_END_SIGNATURE = b"PK\x06\x06"
MAX_COMMENT = 0xFFFF
LOCAL_HEADER_SIGNATURE = b"PK\x03\x04"


def file_size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        position = file.tell()
        size = file.seek(0, 2)
        file.seek(position)
    return int(size)


def read_head(file, count: int = 8) -> bytes:
    """The first ``count`` bytes (a few KB at most identify any type); position kept at 0."""
    file.seek(0)
    head = file.read(count)
    file.seek(0)
    return head if isinstance(head, bytes) else head.encode("utf-8", "replace")


def _directory_counts(file, size: int) -> tuple[int, int]:
    """(entries, directory bytes) from the end record, reading only the file's last 64 KB."""
    window = min(size, END_RECORD.size + MAX_COMMENT)
    file.seek(size - window)
    tail = file.read(window)
    # The same record zipfile will use: the last one in the file.
    at = tail.rfind(END_SIGNATURE)
    if at < 0 or len(tail) - at < END_RECORD.size:
        raise UnsafeUpload("no end record")
    _sig, _disk, _cd_disk, _here, entries, directory, offset, _comment = END_RECORD.unpack(
        tail[at : at + END_RECORD.size]
    )
    if entries == 0xFFFF or directory == 0xFFFFFFFF or offset == 0xFFFFFFFF:
        locator_at = at - ZIP64_LOCATOR.size
        if locator_at < 0:
            raise UnsafeUpload("zip64 locator missing")
        signature, _disk, record_offset, _disks = ZIP64_LOCATOR.unpack(
            tail[locator_at : locator_at + ZIP64_LOCATOR.size]
        )
        if signature != ZIP64_LOCATOR_SIGNATURE or record_offset > size - ZIP64_END_RECORD.size:
            raise UnsafeUpload("zip64 locator broken")
        file.seek(record_offset)
        record = file.read(ZIP64_END_RECORD.size)
        if len(record) != ZIP64_END_RECORD.size:
            raise UnsafeUpload("zip64 record truncated")
        fields = ZIP64_END_RECORD.unpack(record)
        if fields[0] != ZIP64_END_SIGNATURE:
            raise UnsafeUpload("zip64 record broken")
        entries, directory = fields[7], fields[8]
    return entries, directory


def check_members(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    """Declared sizes and ratios, before anything is inflated."""
    if len(infos) > limits.max_entries:
        raise UnsafeUpload("too many entries")
    total = 0
    for info in infos:
        if info.file_size > limits.max_entry_bytes:
            raise UnsafeUpload("entry too large")
        total += info.file_size
        if total > limits.max_total_bytes:
            raise UnsafeUpload("archive too large")
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise UnsafeUpload("compression ratio")


@contextmanager
def open_zip(file, limits: ZipLimits | None = None) -> Iterator[zipfile.ZipFile]:
    """A ``ZipFile`` on an upload whose directory and declared sizes were checked first.

    Raises ``UnsafeUpload`` for anything that is not a zip archive within ``limits``:
    what is not a zip, a broken one and a bomb are all refused the same way, with the
    caller's own message.
    """
    limits = limits or ZipLimits()
    size = file_size(file)
    if read_head(file, 4) != LOCAL_HEADER_SIGNATURE:
        raise UnsafeUpload("not a zip")
    try:
        entries, directory = _directory_counts(file, size)
        if entries > limits.max_entries or directory > limits.max_directory_bytes:
            raise UnsafeUpload("directory too large")
        file.seek(0)
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, struct.error) as error:
        raise UnsafeUpload("unreadable archive") from error
    try:
        check_members(archive.infolist(), limits)
        yield archive
    finally:
        archive.close()
        file.seek(0)


def read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """At most ``limit`` bytes of one entry, inflated in bounded pieces; ``UnsafeUpload``
    for an entry that cannot be read (missing, encrypted, unknown compression, broken)."""
    try:
        with archive.open(name) as member:
            return member.read(limit)
    except (KeyError, RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError) as error:
        raise UnsafeUpload("unreadable entry") from error
    except Exception as error:  # zlib.error and friends: a broken stream, nothing more
        raise UnsafeUpload("unreadable entry") from error


# --- Parsers that read as they like ------------------------------------------------------


class BudgetedReader:
    """A file object for a parser: at most ``budget`` bytes in total, then
    ``ReadBudgetExceeded``. Seeking is free; ``bytes_read`` says what was read."""

    def __init__(self, file, budget: int):
        self._file = file
        self.budget = budget
        self.bytes_read = 0

    def read(self, size=-1) -> bytes:
        remaining = self.budget - self.bytes_read
        want = remaining + 1 if size is None or size < 0 else min(size, remaining + 1)
        data = self._file.read(want)
        self.bytes_read += len(data)
        if self.bytes_read > self.budget:
            raise ReadBudgetExceeded(f"more than {self.budget} bytes read")
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return False

    def __getattr__(self, name):
        return getattr(self._file, name)


# --- Requests ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicUploadLimit:
    """What one public form accepts: files per sending, bytes per file."""

    files: int
    file_bytes: int


_PUBLIC_LIMITS: list[Callable[[], PublicUploadLimit]] = []


def register_public_upload_limit(limit: Callable[[], PublicUploadLimit]) -> None:
    """A content app whose public form takes files says how many and how large (a callable,
    read at each request, so settings changed at run time count)."""
    if limit not in _PUBLIC_LIMITS:
        _PUBLIC_LIMITS.append(limit)


def public_upload_limit() -> PublicUploadLimit:
    """The largest any public form accepts; no file at all when none takes files."""
    limits = [limit() for limit in _PUBLIC_LIMITS]
    if not limits:
        return PublicUploadLimit(files=0, file_bytes=0)
    return PublicUploadLimit(
        files=max(limit.files for limit in limits),
        file_bytes=max(limit.file_bytes for limit in limits),
    )


def public_request_limit(limit: PublicUploadLimit) -> int:
    """The largest multipart body a stranger may send: twice what the forms accept (a
    person who picked one file too many still gets the form back with its message), plus
    the text fields."""
    fields = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return 2 * limit.files * limit.file_bytes + fields + 64 * KB


class RefusedUpload(UploadedFile):
    """A file dropped while it arrived: its name and real size, no content."""

    def __init__(self, name: str, size: int, content_type: str, reason: str):
        from io import BytesIO

        super().__init__(BytesIO(b""), name, content_type, size)
        self.refused_reason = reason


class BoundedUploadHandler(FileUploadHandler):
    """First of ``FILE_UPLOAD_HANDLERS``: a stranger's files kept within the public limits.

    Signed-in accounts (editors, moderators) are left to the forms' own limits: their
    uploads (sounds of 300 MB, documents) are larger, and they are checked by their forms
    within a budget too. A too-large file is not stopped with ``StopUpload``: that would
    drop every field after it (the consents, the user's text), so its bytes are read on in
    pieces of Django's chunk size and thrown away; the body's own limit bounds that work.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.active = not _signed_in(self.request)
        self.files_seen = 0
        self.received = 0
        self.refusal = ""
        if not self.active:
            return None
        self.limit = public_upload_limit()
        if content_length > public_request_limit(self.limit):
            # Nothing a public form accepts is this large: refused before any byte is read.
            raise RequestDataTooBig("multipart body over the public upload limit")
        return None

    def new_file(self, field_name, file_name, content_type, content_length, *args, **kwargs):
        super().new_file(field_name, file_name, content_type, content_length, *args, **kwargs)
        self.files_seen += 1
        self.received = 0
        self.refusal = ""
        if self.active and self.files_seen > self.limit.files:
            self.refusal = "too_many"

    def receive_data_chunk(self, raw_data, start):
        if not self.active:
            return raw_data
        self.received += len(raw_data)
        if not self.refusal and self.received > self.limit.file_bytes:
            self.refusal = "too_big"
        # None: the handlers after this one (memory, temporary file) receive nothing more.
        return None if self.refusal else raw_data

    def file_complete(self, file_size):
        if self.active and self.refusal:
            return RefusedUpload(self.file_name, self.received, self.content_type, self.refusal)
        return None


def _signed_in(request) -> bool:
    """A request whose account cannot be read (no session yet, database away) is a
    stranger's: the smaller limits are the safe side."""
    try:
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)
    except Exception:
        return False

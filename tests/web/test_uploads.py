"""The shared safe reading of uploads: archives judged by their directory before any entry
is inflated, entries read a few bytes at a time, parsers held to a budget, and a
stranger's request kept to the public forms' limits while it arrives."""

import io
import zipfile

import pytest
from django.test import RequestFactory

from fabrique.web.uploads import (
    BoundedUploadHandler,
    BudgetedReader,
    PublicUploadLimit,
    ReadBudgetExceeded,
    UnsafeUpload,
    ZipLimits,
    open_zip,
    public_upload_limit,
    read_member,
    register_public_upload_limit,
)
from tests.zip_bombs import MB, bomb, deflated, many_entries, odt_bomb, write_zip


class CountingFile(io.BytesIO):
    """An upload that counts the bytes anyone read from it."""

    bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def test_an_archive_declaring_a_gigabyte_is_refused_having_read_its_directory_only():
    content = odt_bomb()
    upload = CountingFile(content)
    with pytest.raises(UnsafeUpload), open_zip(upload):
        pass
    # The head, the end record and the directory: a few KB of a 1 MB file, nothing inflated.
    assert upload.bytes_read < 80 * 1024


def test_an_entry_that_lies_about_its_size_gives_no_more_than_asked():
    upload = io.BytesIO(write_zip([bomb("mimetype", 64 * MB, declared=39)]))
    with open_zip(upload) as archive, pytest.raises(UnsafeUpload):
        # zipfile stops at the declared 39 bytes and finds the checksum wrong.
        read_member(archive, "mimetype", 100)


def test_a_good_entry_is_read_up_to_the_limit_asked():
    upload = io.BytesIO(write_zip([deflated("a.xml", b"<x>" + b"y" * 10_000 + b"</x>")]))
    with open_zip(upload) as archive:
        assert read_member(archive, "a.xml", 10) == b"<x>yyyyyyy"


def test_too_many_entries_are_refused_before_zipfile_reads_the_directory(monkeypatch):
    opened = []
    real_init = zipfile.ZipFile.__init__

    def spying_init(self, *args, **kwargs):
        opened.append(args)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", spying_init)
    with (
        pytest.raises(UnsafeUpload),
        open_zip(io.BytesIO(many_entries(50)), ZipLimits(max_entries=10)),
    ):
        pass
    assert opened == []
    with open_zip(io.BytesIO(many_entries(10)), ZipLimits(max_entries=10)) as archive:
        assert len(archive.namelist()) == 10


@pytest.mark.parametrize(
    "content",
    [b"", b"PK\x03\x04", b"PK\x03\x04" + b"\x00" * 100, b"%PDF-1.4"],
)
def test_what_is_not_a_whole_zip_is_refused_the_same_way(content):
    with pytest.raises(UnsafeUpload), open_zip(io.BytesIO(content)):
        pass


def test_a_high_ratio_is_refused_only_for_entries_worth_it():
    small = write_zip([bomb("petit", MB)])  # 1 MB of zeros from ~1 KB: over the floor
    with pytest.raises(UnsafeUpload), open_zip(io.BytesIO(small)):
        pass
    with open_zip(io.BytesIO(small), ZipLimits(ratio_floor=2 * MB)) as archive:
        assert archive.namelist() == ["petit"]


def test_a_budgeted_reader_refuses_past_its_budget_and_counts():
    reader = BudgetedReader(io.BytesIO(b"x" * 100), 10)
    assert reader.read(4) == b"xxxx"
    reader.seek(0)
    assert reader.read(6) == b"xxxxxx"
    assert reader.bytes_read == 10
    with pytest.raises(ReadBudgetExceeded):
        reader.read(1)
    with pytest.raises(OSError):  # parsers handle it as a broken file
        BudgetedReader(io.BytesIO(b"x" * 100), 10).read()
    assert BudgetedReader(io.BytesIO(b"x" * 5), 10).read() == b"xxxxx"


def _handler_for(request, content_length=1000):
    handler = BoundedUploadHandler(request)
    handler.handle_raw_input(None, request.META, content_length, b"b")
    return handler


def _send(handler, name, size, chunk=64 * 1024):
    handler.new_file("attachments", name, "application/pdf", None)
    given = 0
    for start in range(0, size, chunk):
        piece = b"x" * min(chunk, size - start)
        if handler.receive_data_chunk(piece, start) is not None:
            given += len(piece)
    return handler.file_complete(size), given


def test_the_handler_drops_a_strangers_file_over_the_public_limit(settings, rf: RequestFactory):
    settings.FABRIQUE_ATTACHMENT_MAX_BYTES = 128 * 1024
    settings.FABRIQUE_ATTACHMENT_MAX_COUNT = 2
    request = rf.post("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert public_upload_limit() == PublicUploadLimit(files=2, file_bytes=128 * 1024)
    handler = _handler_for(request)
    refused, given = _send(handler, "gros.pdf", 1024 * 1024)
    # What the next handlers received stops at the limit; the form learns the real size.
    assert given <= 128 * 1024 + 64 * 1024
    assert refused.size == 1024 * 1024 and refused.refused_reason == "too_big"
    assert refused.read() == b""
    assert _send(handler, "petit.pdf", 1000)[0] is None  # kept by the next handlers
    assert _send(handler, "trois.pdf", 1000)[0].refused_reason == "too_many"


def test_the_handler_refuses_a_body_no_public_form_could_accept(settings, rf):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import RequestDataTooBig

    settings.FABRIQUE_ATTACHMENT_MAX_BYTES = 128 * 1024
    request = rf.post("/")
    request.user = AnonymousUser()
    with pytest.raises(RequestDataTooBig):
        _handler_for(request, content_length=100 * MB)


def test_signed_in_accounts_are_left_to_their_forms_limits(settings, rf, django_user_model):
    settings.FABRIQUE_ATTACHMENT_MAX_BYTES = 128 * 1024
    request = rf.post("/")
    request.user = django_user_model.objects.create_user("redaction", "r@example.org", "x")
    handler = _handler_for(request, content_length=100 * MB)
    refused, given = _send(handler, "son.mp3", 1024 * 1024)
    assert refused is None and given == 1024 * 1024


def test_limits_are_registered_once_and_read_at_each_request(settings):
    from contributions.attachments import public_limit

    register_public_upload_limit(public_limit)  # already registered by the app
    settings.FABRIQUE_ATTACHMENT_MAX_COUNT = 7
    assert public_upload_limit().files == 7

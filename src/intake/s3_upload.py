"""One S3 object written by pushes (`write`) and uploaded by boto3's managed transfer (`upload_fileobj`).

`upload_fileobj` pulls from a file object, while our writers push (the vault's encryptor, pyarrow's Parquet
writer) and cannot hand over a seekable file without spooling it. So a thread runs `upload_fileobj` on a bounded
in-memory pipe: nothing is spooled to disk (a delivery file is plaintext until SSE-KMS encrypts it at rest), and
memory stays within a few parts: the pipe holds PIPE_BYTES (plus one write), s3transfer the part it is reading
and at most IN_MEMORY_PARTS parts being sent.

The object becomes visible only when `finish` ends the stream: s3transfer sends PutObject (under one part) or
CompleteMultipartUpload after the read that returns the end. `abort` makes the pipe's read fail instead, so the
transfer fails, and s3transfer aborts the multipart upload it started (its failure clean-up) before
`upload_fileobj` returns. A part that fails is reported when the stream ends, not at once: s3transfer reads a
non-seekable input to its end even after a failure (it keeps no part of it once it has failed).
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Any

PART_SIZE = 8 << 20  # bounds upload memory; S3 needs >= 5 MiB for every part but the last
IN_MEMORY_PARTS = 1  # parts read ahead and waiting to be (or being) sent: one is sent while the next is read
PIPE_BYTES = 1 << 20  # what the writer may run ahead of s3transfer's reads


class UploadAborted(Exception):
    """The writer abandoned the object: the transfer must fail, never complete."""


class _Pipe:
    """Bytes from the writer's thread to s3transfer's: `put` waits while `limit` bytes are buffered; `read(n)`
    waits for n bytes or the end, like a file's (s3transfer takes a short read for the end)."""

    def __init__(self, limit: int) -> None:
        self._chunks: deque[bytes] = deque()
        self._buffered = 0
        self._limit = limit
        self._ended = self._aborted = self._reader_gone = False
        self._cond = threading.Condition()

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def put(self, data: bytes) -> bool:
        """Queue `data`; False if the reader is gone (the transfer ended before the stream did)."""
        with self._cond:
            while self._buffered >= self._limit and not self._reader_gone:
                self._cond.wait()
            if self._reader_gone:
                return False
            self._chunks.append(data)
            self._buffered += len(data)
            self._cond.notify_all()
            return True

    def end(self, aborted: bool = False) -> None:
        with self._cond:
            self._ended, self._aborted = True, aborted
            if aborted:
                self._drop()
            self._cond.notify_all()

    def reader_gone(self) -> None:
        with self._cond:
            self._reader_gone = True
            self._drop()
            self._cond.notify_all()

    def _drop(self) -> None:
        self._chunks.clear()
        self._buffered = 0

    def read(self, size: int | None = -1) -> bytes:
        wanted = -1 if size is None else size
        out = bytearray()
        with self._cond:
            while wanted < 0 or len(out) < wanted:
                if self._aborted:
                    raise UploadAborted("the object was abandoned by its writer: nothing is published")
                if not self._chunks:
                    if self._ended:
                        break
                    self._cond.wait()
                    continue
                chunk = self._chunks.popleft()
                take = len(chunk) if wanted < 0 else min(len(chunk), wanted - len(out))
                out += memoryview(chunk)[:take]
                if take < len(chunk):
                    self._chunks.appendleft(chunk[take:])
                self._buffered -= take
                self._cond.notify_all()
        return bytes(out)


class StreamingUpload:
    """Writes one object through `client.upload_fileobj` with `extra_args` (e.g. SSE-KMS) on its creation.

    `finish` raises what the transfer raised (botocore's exceptions as themselves, for the caller to classify);
    `abort` never raises and leaves neither the object nor an unfinished multipart upload."""

    def __init__(self, client: Any, bucket: str, key: str, extra_args: dict[str, str] | None = None,
                 part_size: int = PART_SIZE) -> None:
        from boto3.s3.transfer import TransferConfig

        self.bucket, self.key = bucket, key
        self._pipe = _Pipe(min(part_size, PIPE_BYTES))
        config = TransferConfig(multipart_threshold=part_size, multipart_chunksize=part_size,
                                max_concurrency=2, preferred_transfer_client="classic")
        config.max_in_memory_upload_chunks = IN_MEMORY_PARTS  # s3transfer's bound on parts held in memory
        self._failure: BaseException | None = None
        self._done = False
        self._thread = threading.Thread(target=self._run, args=(client, dict(extra_args or {}), config),
                                        name=f"s3-upload {key}", daemon=True)
        self._thread.start()

    def _run(self, client: Any, extra_args: dict[str, str], config: Any) -> None:
        try:
            client.upload_fileobj(self._pipe, self.bucket, self.key, ExtraArgs=extra_args, Config=config)
        except BaseException as exc:  # handed to the writer's thread, which raises it
            self._failure = exc
        finally:
            self._pipe.reader_gone()

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Take a copy of `data` (the caller may reuse it); raises the transfer's failure if it already ended."""
        if self._done:
            raise ValueError(f"the upload of s3://{self.bucket}/{self.key} is already finished or aborted")
        if not self._pipe.put(bytes(data)):
            self._join()
            raise self._failure or RuntimeError(f"the upload of s3://{self.bucket}/{self.key} ended early")

    def finish(self) -> None:
        """End the stream and wait for the object to be stored; raise the transfer's failure, if any."""
        self._pipe.end()
        self._join()
        if self._failure is not None:
            raise self._failure

    def abort(self) -> None:
        self._pipe.end(aborted=True)
        self._join()

    def _join(self) -> None:
        self._done = True
        self._thread.join()

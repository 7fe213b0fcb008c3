"""One copy of the app per database: a lock file and a local server per database; a second start brings the first window forward."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QEventLoop, QLockFile, QObject, Qt, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from agency_app import paths
from agency_app.paths import database_key

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate finds translate("SingleInstance", "literal")

REQUEST = b"raise\n"
ANSWER = b"raised\n"
ANSWER_MS = 1500  # a first copy whose server is up answers at once; longer means it is still starting or busy


def default_lock_dir() -> Path:
    """Per user and local to this PC, whatever folder (a network share, a read-only one) the database is in."""
    return paths.user_data_dir() / "locks"


def server_name(lock_dir: Path, key: str) -> str:
    """The local server's name (a named pipe on Windows, global to the PC): salted with the user's own lock
    folder so two people signed in to one PC never reach each other's window."""
    salt = os.path.normcase(str(Path(lock_dir).resolve()))
    return "AgencyVoice-" + hashlib.sha256(f"{salt}\n{key}".encode("utf-8")).hexdigest()[:24]


class InstanceGuard(QObject):
    """This copy's claim on the database in use: holds its lock file and answers a second start's request.

    `acquire(path)` takes the lock for a path (and gives up the one held before, when a session moves to a
    restored copy); `activation_requested` is emitted when a second start on the same database asks for the
    window. A lock left by a copy that crashed (its process gone) is taken over: QLockFile checks the PID.
    """

    activation_requested = Signal()

    def __init__(self, lock_dir: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.lock_dir = Path(lock_dir) if lock_dir is not None else default_lock_dir()
        self.path: Path | None = None
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None

    def acquire(self, db_path: Path) -> bool:
        """Hold `db_path` for this copy; False when another running copy holds it. Taking the same path again is a no-op."""
        key = database_key(db_path)
        if self.path is not None and database_key(self.path) == key:
            return True
        try:
            self.lock_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # no lock folder: run unguarded rather than not at all
            log.warning("no single-instance lock (%s): %s", self.lock_dir, error)
            self.release()
            return True
        lock = QLockFile(str(self.lock_dir / f"{key}.lock"))
        lock.setStaleLockTime(0)  # never stale by age (a long day is not a crash); a dead PID still is
        if not lock.tryLock(0):
            if lock.error() == QLockFile.LockError.LockFailedError:
                return False
            log.warning("no single-instance lock (%s): %s", lock.fileName(), lock.error())
            self.release()
            return True
        self.release()  # the session moved on: the file before is free for another copy
        self._lock, self.path = lock, Path(db_path)
        self._listen(server_name(self.lock_dir, key))
        return True

    def release(self) -> None:
        """Stop answering and remove the lock, so the database may be opened again (by this copy or another)."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        self.path = None

    def _listen(self, name: str) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(name)  # a socket file a crashed copy left (Linux, macOS); we hold the lock
        if not server.listen(name):  # a second start then shows the calm message instead of raising us
            log.warning("single-instance server not listening (%s): %s", name, server.errorString())
        server.newConnection.connect(self._answer_all)
        self._server = server

    def _answer_all(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._answer(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._answer(socket)

    def _answer(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == REQUEST:
            socket.write(QByteArray(ANSWER))
            socket.flush()
            self.activation_requested.emit()
        socket.disconnectFromServer()


def ask_first_copy(db_path: Path, lock_dir: Path | None = None, timeout_ms: int = ANSWER_MS) -> bool:
    """A second start: ask the copy holding `db_path` to bring its window forward; True when it answered.

    Waits in a local event loop (not a blocking wait), so a first copy in the same thread — the tests — answers too.
    """
    lock_dir = Path(lock_dir) if lock_dir is not None else default_lock_dir()
    key = database_key(db_path)
    _let_first_copy_come_forward(lock_dir / f"{key}.lock")
    socket = QLocalSocket()
    loop = QEventLoop()
    received = bytearray()

    def read() -> None:
        received.extend(bytes(socket.readAll().data()))
        if received.endswith(b"\n"):
            loop.quit()

    socket.connected.connect(lambda: socket.write(QByteArray(REQUEST)))
    socket.readyRead.connect(read)
    socket.errorOccurred.connect(lambda _error: loop.quit())  # no server (yet): no point waiting
    QTimer.singleShot(timeout_ms, loop.quit)
    socket.connectToServer(server_name(lock_dir, key))
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        loop.exec()
    socket.abort()
    return bytes(received) == ANSWER


def _let_first_copy_come_forward(lock_file: Path) -> None:
    """Windows lets only the process the user just started take the foreground: hand that right to the first copy."""
    if sys.platform != "win32":
        return
    info = QLockFile(str(lock_file)).getLockInfo()  # (pid, host name, app name); pid 0 when unreadable
    pid = info[0] if isinstance(info, tuple) and info else 0
    if pid:
        try:
            import ctypes
            ctypes.windll.user32.AllowSetForegroundWindow(int(pid))
        except (OSError, AttributeError) as error:  # only a nicety: the taskbar button still flashes
            log.info("AllowSetForegroundWindow failed: %s", error)


def tell_already_open(parent: QWidget | None = None) -> None:
    """The first copy holds the database but did not answer (still starting, or busy): say where to look."""
    QMessageBox.information(parent, QApplication.applicationDisplayName(), translate(
        "SingleInstance", "This database is already open in another window.\nPlease look for it on the taskbar."))


def claim(guard: InstanceGuard, db_path: Path, *, timeout_ms: int = ANSWER_MS) -> bool:
    """Take `db_path` for this copy; else bring the copy that has it forward (or say where it is) and return False."""
    if guard.acquire(db_path):
        return True
    log.info("%s is open in another copy of the app: asking it to come forward", db_path)
    if not ask_first_copy(db_path, guard.lock_dir, timeout_ms):
        tell_already_open()
    return False


def bring_forward(window: QWidget | None = None) -> QWidget | None:
    """Show `window` (else the visible main window) in front, restored if minimised and still maximised if it was;
    an open dialog (the staff picker, a form) comes in front of it. Returns the widget activated."""
    window = window or _main_window()
    if window is not None:
        if window.isMinimized():  # showNormal() would also undo a maximised window
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
    target = QApplication.activeModalWidget() or window
    if target is None:
        return None
    target.raise_()
    target.activateWindow()
    return target


def _main_window() -> QWidget | None:
    tops = [w for w in QApplication.topLevelWidgets() if w.isVisible() or w.isMinimized()]
    mains = [w for w in tops if isinstance(w, QMainWindow)]
    return (mains or [w for w in tops if w.isWindow()] or [None])[0]

"""One browser tab as the server sees it: Streamlit's websocket protocol, no browser.

The browser and the server talk over ``/_stcore/stream`` in protobufs. The browser sends
a ``BackMsg`` whose ``rerun_script`` (a ``ClientState``) carries the URL's query string,
the page, and widget values (``WidgetStates``); the server answers with ``ForwardMsg``s:
``new_session`` as each run starts, ``delta``s that draw the page element by element,
``navigation`` and ``page_info_changed`` (the page and query string the URL should now
show), and ``script_finished`` when the run ends. A run that ends in ``st.rerun()``
finishes "early for rerun" and the next run follows without a request, so a rerun is
over only at a ``script_finished`` of another status.

This client keeps what the browser keeps: the page's elements by delta path (a full run
redraws all of them, a fragment run only its own), the page's script hash and query
string, which go back with every request, and the values it set, sent again while their
widget is on the page (the server merges them into the session's widget state, as it
does for a browser). A widget drawn inside a fragment is sent with that fragment's id, so
the server reruns only the fragment, as it would for a browser. Two differences from a
browser: it never reports cached messages (a browser lists the hashes of large elements
it has, and the server then sends a reference instead), and it sends only the values it
set rather than every widget's.

Only the installed Streamlit's own protobuf classes and the ``websockets`` client (which
Streamlit's server depends on) are used; nothing of the app is imported.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import TracebackType

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

STREAM_PATH = "/_stcore/stream"
WIDGET_ID_PREFIX = "$$ID-"  # "$$ID-<hash>-<key>", the key "None" when none was given
_DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class AppError(RuntimeError):
    """The server did not finish a run as a browser would expect."""


class RunTimeout(AppError):
    """No ``script_finished`` came within the run timeout."""


@dataclass(frozen=True)
class Widget:
    """A widget on the page, as the server described it in its element."""

    kind: str  # the element's type: "text_input", "button", "selectbox", …
    id: str
    key: str | None  # the key the app gave it, read from the id
    label: str
    fragment_id: str  # "" outside any fragment
    form_id: str
    disabled: bool
    is_form_submitter: bool

    def describe(self) -> str:
        return f"{self.kind} {self.label!r}" + (f" (key {self.key})" if self.key else "")


@dataclass(frozen=True)
class Page:
    """The page after a run: its widgets, any exception the app drew, and the text of
    its alert boxes (what the app told the learner, kept for a failed store check)."""

    widgets: tuple[Widget, ...]
    exceptions: tuple[str, ...]
    page_not_found: bool
    alerts: tuple[str, ...] = ()

    def find(
        self, kinds: str | tuple[str, ...], *, key_part: str = "", label_start: str = ""
    ) -> Widget | None:
        """The first widget of one of ``kinds`` whose key contains ``key_part`` or whose
        label starts with ``label_start``: either is enough, so the search survives a
        renamed key or a reworded label, though not both at once."""
        wanted = (kinds,) if isinstance(kinds, str) else kinds
        for widget in self.widgets:
            if widget.kind not in wanted:
                continue
            if key_part and widget.key and key_part in widget.key:
                return widget
            if label_start and widget.label.startswith(label_start):
                return widget
        return None

    def describe(self) -> str:
        """The widgets on the page, for a message saying what was expected instead."""
        if not self.widgets:
            return "no widgets"
        return "; ".join(widget.describe() for widget in self.widgets)


def widget_from_element(element: Element, fragment_id: str) -> Widget | None:
    """The widget an element draws, or None for an element that is not one."""
    kind = element.WhichOneof("type")
    if kind is None:
        return None
    proto = getattr(element, kind)
    fields = proto.DESCRIPTOR.fields_by_name
    if "id" not in fields or not str(proto.id).startswith(WIDGET_ID_PREFIX):
        return None
    parts = str(proto.id).split("-", 2)
    key = parts[2] if len(parts) == 3 and parts[2] != "None" else None
    return Widget(
        kind=kind,
        id=proto.id,
        key=key,
        label=proto.label if "label" in fields else "",
        fragment_id=fragment_id,
        form_id=proto.form_id if "form_id" in fields else "",
        disabled=bool(proto.disabled) if "disabled" in fields else False,
        is_form_submitter=bool(proto.is_form_submitter) if "is_form_submitter" in fields else False,
    )


class AppConnection:
    """A websocket session on one page; ``rerun`` sends what a browser would and waits
    for the run to finish. Use as ``async with AppConnection(...) as tab``."""

    def __init__(
        self, base_url: str, page_name: str, query_string: str, *, run_timeout: float
    ) -> None:
        self._url = base_url.replace("http://", "ws://", 1).rstrip("/") + STREAM_PATH
        self._page_url = f"{base_url.rstrip('/')}/{page_name}"
        self._page_name = page_name
        self._query = query_string
        self._page_hash = ""
        self._run_timeout = run_timeout
        self._socket: ClientConnection | None = None
        self._elements: dict[tuple[int, ...], tuple[str, Element]] = {}
        self._values: dict[str, WidgetState] = {}
        self._page_not_found = False
        self.fragment_run = False  # whether the last run redrew only fragments
        self.runs = 0  # script runs the last request took (2 when the page calls st.rerun)

    async def __aenter__(self) -> AppConnection:
        # No pings: a browser sends none, and a busy server must not lose a tab for
        # answering a ping late. Pages can be larger than the library's 1 MiB default.
        self._socket = await connect(
            self._url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            ping_interval=None,
            max_size=None,
            open_timeout=self._run_timeout,
        )
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._socket is not None:
            await self._socket.close()

    async def open(self) -> Page:
        """The first run, as when the page's URL is opened."""
        return await self.rerun()

    async def rerun(
        self, values: Mapping[Widget, str] | None = None, trigger: Widget | None = None
    ) -> Page:
        """Send the values typed into text widgets and, optionally, a button press;
        return the page once the run (and any ``st.rerun()`` after it) has finished."""
        values = values or {}
        for widget, text in values.items():
            self._values[widget.id] = WidgetState(id=widget.id, string_value=text)
        message = BackMsg()
        message.rerun_script.CopyFrom(self._client_state(values.keys(), trigger))
        if trigger is not None:  # a press counts once, like a click
            message.rerun_script.widget_states.widgets.append(
                WidgetState(id=trigger.id, trigger_value=True)
            )
        socket = self._require_socket()
        self.runs = 0
        await socket.send(message.SerializeToString())
        return await self._read_until_finished(socket)

    def _client_state(self, changed: Iterable[Widget], trigger: Widget | None) -> ClientState:
        active = {widget.id for widget in self._page().widgets}
        self._values = {
            wid: state for wid, state in self._values.items() if wid in active or not active
        }
        touched = [*changed, *([trigger] if trigger else [])]
        fragments = {widget.fragment_id for widget in touched}
        state = ClientState(
            query_string=self._query,
            page_script_hash=self._page_hash,
            page_name="" if self._page_hash else self._page_name,
            fragment_id=fragments.pop() if len(fragments) == 1 else "",
        )
        state.context_info.timezone = "UTC"
        state.context_info.timezone_offset = 0
        state.context_info.locale = "en-US"
        state.context_info.url = (
            f"{self._page_url}?{self._query}" if self._query else self._page_url
        )
        state.widget_states.widgets.extend(self._values.values())
        return state

    async def _read_until_finished(self, socket: ClientConnection) -> Page:
        deadline = time.monotonic() + self._run_timeout
        self._page_not_found = False
        received: Counter[str] = Counter()
        while True:
            try:
                raw = await asyncio.wait_for(socket.recv(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                seen = ", ".join(f"{kind} {count}" for kind, count in received.items())
                raise RunTimeout(
                    f"no script_finished within {self._run_timeout:.0f} s "
                    f"(received: {seen or 'nothing'})"
                ) from None
            message = ForwardMsg()
            message.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
            received[message.WhichOneof("type") or "?"] += 1
            if self._apply(message):
                return self._page()

    def _apply(self, message: ForwardMsg) -> bool:
        """Take in one message; True when it ends the run."""
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.runs += 1
            self._start_run(list(message.metadata.run.fragment_ids))
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            path = tuple(message.metadata.delta_path)
            self._elements[path] = (message.delta.fragment_id, message.delta.new_element)
        elif kind == "navigation":
            self._page_hash = message.navigation.page_script_hash
        elif kind == "page_info_changed":
            self._query = message.page_info_changed.query_string
        elif kind == "page_not_found":
            self._page_not_found = True
        elif kind == "session_event" and message.session_event.HasField(
            "script_compilation_exception"
        ):
            failure = message.session_event.script_compilation_exception
            raise AppError(f"the app failed to compile: {failure.type}: {failure.message}")
        elif kind == "script_finished":
            if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise AppError("the app's script did not compile")
            return message.script_finished in _DONE
        return False

    def _start_run(self, fragment_ids: list[str]) -> None:
        """A full run redraws the page; a fragment run redraws only its fragments."""
        self.fragment_run = bool(fragment_ids)
        if not fragment_ids:
            self._elements.clear()
            return
        self._elements = {
            path: entry for path, entry in self._elements.items() if entry[0] not in fragment_ids
        }

    def _page(self) -> Page:
        widgets: list[Widget] = []
        exceptions: list[str] = []
        alerts: list[str] = []
        for _path, (fragment_id, element) in sorted(self._elements.items()):
            kind = element.WhichOneof("type")
            if kind == "exception":
                exceptions.append(f"{element.exception.type}: {element.exception.message}")
            elif kind == "alert":
                alerts.append(element.alert.body)
            elif (widget := widget_from_element(element, fragment_id)) is not None:
                widgets.append(widget)
        return Page(tuple(widgets), tuple(exceptions), self._page_not_found, tuple(alerts))

    def _require_socket(self) -> ClientConnection:
        if self._socket is None:
            raise AppError("the connection is not open: use `async with AppConnection(…)`")
        return self._socket

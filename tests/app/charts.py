"""Read what AppTest drew: plotly figures as the JSON the browser would receive."""

from __future__ import annotations

import json
from typing import Any

from streamlit.testing.v1 import AppTest


def figures(at: AppTest) -> list[dict[str, Any]]:
    """Every plotly chart on the page, in order, as plotly JSON."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def trace(figure: dict[str, Any], name: str) -> dict[str, Any]:
    """The trace called ``name``; fails listing the names there are."""
    found = [t for t in figure["data"] if t.get("name") == name]
    assert found, f"no trace {name!r} in {[t.get('name') for t in figure['data']]}"
    return found[0]


def trace_names(figure: dict[str, Any]) -> list[str]:
    return [t.get("name", "") for t in figure["data"]]


def array(trace_or_value: dict[str, Any] | list[Any], key: str | None = None) -> list[float]:
    """A data array of a trace, decoding plotly's base64 typed arrays (``bdata``)."""
    import base64

    import numpy as np

    if key is not None:
        assert isinstance(trace_or_value, dict), "a key names a field of a trace"
        value = trace_or_value[key]
    else:
        value = trace_or_value
    if isinstance(value, dict) and "bdata" in value:
        data = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            data = data.reshape([int(n) for n in str(value["shape"]).split(",")])
        return list(data.tolist())
    return list(value)

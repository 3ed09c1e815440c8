"""The chart kit: server-rendered, accessible SVG for every page and report.

`svg`, `scales` and `colours` hold the primitives (once); `gantt`, `timeseries`,
`comparison` and `tilemap` are the charts built on them. Apps turn their data into the
charts' plain inputs (e.g. `indicators/visuals.py`, `tracking/workplan.py`).
"""

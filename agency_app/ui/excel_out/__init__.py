"""Excel exports from the window: the quarterly insurer report, the KPI publication and any list, each with its dialog."""

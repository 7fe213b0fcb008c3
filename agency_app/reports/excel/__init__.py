"""Excel workbooks: reading agencies' sheets and writing the reports."""

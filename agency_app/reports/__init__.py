"""Reports: the agency's figures laid out for people — plain-text tables now, Excel workbooks later."""

"""The 集計 tab: the agency's counts for a fiscal period and branch."""

"""The demo agency: generators of a realistic database (above storage; never imported by the app's core)."""

"""`python -m agency_app` — same as the `agency-app` command."""

from agency_app.cli import main

raise SystemExit(main())

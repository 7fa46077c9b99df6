"""``python -m crisisreader``: the same as the ``crisisreader`` command."""

from crisisreader.cli import main

raise SystemExit(main())

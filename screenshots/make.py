"""Make the README's screenshots through the app factory: the main view, the diff, search, quotes by speaker.

Run from the top of the repository: ``python screenshots/make.py``. SVG files land beside this script.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from crisisreader.load import bundled_seeds, load
from crisisreader.tui.app import make_app

HERE = Path(__file__).resolve().parent
SIZE = (120, 40)

VIEWS: dict[str, tuple[str, ...]] = {
    "main": (),
    "diff": ("d",),
    "search": ("slash", *"minsk"),
    "speakers": ("s", *"macron", "enter"),
}


async def shoot(name: str, keys: tuple[str, ...]) -> Path:
    app = make_app(load([bundled_seeds()]))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        path = HERE / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(HERE))
    return path


async def shoot_morning() -> Path:
    """Three generated series at 80x24, after `u` went on to the next unread day: the sidebar's sections."""
    sys.path.insert(0, str(HERE.parent / "benchmarks"))
    from generate import generate

    with tempfile.TemporaryDirectory() as folder:
        app = make_app(load(generate(Path(folder) / "series", 30, series=3)))
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("u", "u", "u")
            await app.workers.wait_for_complete()
            await pilot.pause(0.2)
            app.save_screenshot(filename="morning.svg", path=str(HERE))
    return HERE / "morning.svg"


async def main() -> None:
    for name, keys in VIEWS.items():
        print(await shoot(name, keys))
    print(await shoot_morning())


if __name__ == "__main__":
    asyncio.run(main())

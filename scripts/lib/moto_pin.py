"""The one moto version shiplane's emulator launcher is written for (scripts/lib/moto-version).

scripts/lib/moto_server.py replaces a few of moto's internal functions (see there) and adds ECS's service-deployment
API; those patches name moto's private modules and methods, which any release may change. A launcher that patched
another version could start and answer differently without anyone noticing, so it refuses to start instead.
The CI workflow and scripts/lib/common.sh install the version in the same file.
"""
import pathlib
import sys

VERSION_FILE = pathlib.Path(__file__).with_name("moto-version")


def pinned() -> str:
    return VERSION_FILE.read_text().strip()


def refusal(installed: str) -> "str | None":
    """What to tell the person who started the launcher on `installed`, or None when it is the pinned version."""
    expected = pinned()
    if installed == expected:
        return None
    return (f"scripts/lib/moto_server.py patches moto {expected}'s internals and refuses to start on moto {installed}.\n"
            f"Install the pinned version:  python3 -m pip install --user \"moto[server]=={expected}\"\n"
            f"(the pin is {VERSION_FILE}; moving it means re-checking every patch in moto_server.py)")


def refuse_unless_pinned(installed: str) -> None:
    message = refusal(installed)
    if message is not None:
        print(message, file=sys.stderr)
        sys.exit(3)

"""moto_server, with one emulator-side speed-up for shiplane's tests, sandbox and burst.

moto 5.x renders every EventBridge target's input through jsonpath_ng and builds a new JSONPath parser (PLY parser
tables) for each of its eight default input paths on every delivery: ~40 ms per path, so each PutEvents that matches a
rule with an SQS target costs ~350 ms of emulator CPU, whatever the event. Parsed paths are immutable, so memoising the
parse changes nothing moto answers, only how long it takes. shiplane's own code is untouched: this is the emulator.

Usage: python3 scripts/lib/moto_server.py [moto_server's options]   (same options as moto_server)
"""
import functools
import sys

try:
    import jsonpath_ng.ext

    jsonpath_ng.ext.parse = functools.lru_cache(maxsize=512)(jsonpath_ng.ext.parse)
except ImportError:  # a moto without its events extras: nothing to speed up
    pass

from moto.server import main

if __name__ == "__main__":
    sys.exit(main())

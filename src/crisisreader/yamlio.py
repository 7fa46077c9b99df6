"""Safe YAML, fast where it can be: libyaml's C loader and dumper when PyYAML was built with them.

Only the safe classes are ever used, so no file can make Python objects; the C ones read the bundled registry
and a long reading state several times faster than the pure-Python ones.
"""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load(text: str) -> Any:
    return yaml.load(text, Loader=SafeLoader)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=SafeDumper, allow_unicode=True, sort_keys=False, width=120)

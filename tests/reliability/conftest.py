"""Shared pieces of the reliability suite: running ``kg`` as a user does, in a child process."""
from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED_ENV = "KG_RELIABILITY_SEED"


def kg_command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "kg", *(str(a) for a in args)]


def run_kg(*args: str | Path, timeout: float = 300, prefix: list[str] | None = None,
           **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """``kg ARGS...`` in a child process, from the repository root, output captured as text."""
    return subprocess.run([*(prefix or []), *kg_command(*args)], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout, **kwargs)


def run_kg_bytes(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(kg_command(*args), capture_output=True, cwd=ROOT, timeout=timeout)


def load_bench() -> ModuleType:
    """``bench/graph_scale.py``: the seeded generator of news-shaped extractions."""
    name = "kg_bench_graph_scale"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "graph_scale.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def rng() -> random.Random:
    """Random kill points, reproducible: the seed is printed, and ``$KG_RELIABILITY_SEED`` sets it."""
    seed = int(os.environ.get(SEED_ENV) or random.SystemRandom().randrange(1 << 30))
    print(f"\nreliability suite: {SEED_ENV}={seed}")
    return random.Random(seed)

"""How many PDF workers a build starts: cores it may use, container quotas, available memory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.render.pdf import workers
from generator.render.pdf.workers import MIB, WORKER_MEMORY, available_memory, cpu_quota, pdf_workers, usable_cpus

GIB = 1024 * MIB


def machine(
    tmp_path: Path,
    *,
    available_kb: int | None = 8 * 1024 * 1024,
    own_cgroup: str = "/",
    files: dict[str, str] | None = None,
) -> Path:
    """A fake root with /proc/meminfo, /proc/self/cgroup and the given /sys files."""
    root = tmp_path / "root"
    (root / "proc/self").mkdir(parents=True)
    meminfo = "MemTotal:       32000000 kB\nMemFree:         1000000 kB\n"
    if available_kb is not None:
        meminfo += f"MemAvailable:   {available_kb} kB\n"
    (root / "proc/meminfo").write_text(meminfo, encoding="ascii")
    (root / "proc/self/cgroup").write_text(f"0::{own_cgroup}\n", encoding="ascii")
    for name, text in (files or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="ascii")
    return root


@pytest.fixture
def cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine of 8 cores."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)


@pytest.mark.usefixtures("cores")
def test_one_worker_per_core_when_memory_is_plenty(tmp_path: Path) -> None:
    root = machine(tmp_path, available_kb=64 * 1024 * 1024)
    assert pdf_workers(16, root) == 8
    assert pdf_workers(3, root) == 3  # never more than the PDFs to print


@pytest.mark.usefixtures("cores")
def test_available_memory_caps_the_workers(tmp_path: Path) -> None:
    """8 cores with 1.5 GiB free: 3 workers of WORKER_MEMORY each, not 8 (which the kernel would kill)."""
    root = machine(tmp_path, available_kb=3 * WORKER_MEMORY // 1024 + 1)
    assert pdf_workers(16, root) == 3


@pytest.mark.usefixtures("cores")
def test_at_least_one_worker_however_little_memory(tmp_path: Path) -> None:
    assert pdf_workers(16, machine(tmp_path, available_kb=100 * 1024)) == 1


def test_a_container_cpu_quota_counts_not_the_hosts_cores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`docker run --cpus 2.5` on a 64-core host: cpu.max says 250000 100000, so 3 workers, not 64."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    root = machine(tmp_path, available_kb=64 * 1024 * 1024, files={"sys/fs/cgroup/cpu.max": "250000 100000\n"})
    assert cpu_quota(root) == 3
    assert usable_cpus(root) == 3
    assert pdf_workers(16, root) == 3


def test_no_quota_written_as_max(tmp_path: Path) -> None:
    assert cpu_quota(machine(tmp_path, files={"sys/fs/cgroup/cpu.max": "max 100000\n"})) is None


def test_cgroup_v1_cpu_quota(tmp_path: Path) -> None:
    files = {"sys/fs/cgroup/cpu/cpu.cfs_quota_us": "150000\n", "sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n"}
    assert cpu_quota(machine(tmp_path, files=files)) == 2
    files["sys/fs/cgroup/cpu/cpu.cfs_quota_us"] = "-1\n"  # no quota
    assert cpu_quota(machine(tmp_path / "unlimited", files=files)) is None


def test_the_nearest_memory_limit_counts(tmp_path: Path) -> None:
    """A cgroup v2 limit on the process's own group (found through /proc/self/cgroup) or a parent of it."""
    files = {
        "sys/fs/cgroup/ci.slice/memory.max": str(4 * GIB),
        "sys/fs/cgroup/ci.slice/memory.current": str(3 * GIB),
        "sys/fs/cgroup/ci.slice/job-1/memory.max": "max\n",
        "sys/fs/cgroup/ci.slice/job-1/memory.current": str(1 * GIB),
    }
    root = machine(tmp_path, available_kb=20 * 1024 * 1024, own_cgroup="/ci.slice/job-1", files=files)
    assert available_memory(root) == 1 * GIB  # the slice's limit less its use, not the host's 20 GiB


def test_cgroup_v1_memory_limit(tmp_path: Path) -> None:
    files = {
        "sys/fs/cgroup/memory/memory.limit_in_bytes": str(2 * GIB),
        "sys/fs/cgroup/memory/memory.usage_in_bytes": str(512 * MIB),
    }
    assert available_memory(machine(tmp_path, files=files)) == 2 * GIB - 512 * MIB
    files["sys/fs/cgroup/memory/memory.limit_in_bytes"] = "9223372036854771712\n"  # v1's "no limit"
    assert available_memory(machine(tmp_path / "unlimited", available_kb=1024, files=files)) == 1024 * 1024


@pytest.mark.usefixtures("cores")
def test_unknown_memory_leaves_the_cores_to_decide(tmp_path: Path) -> None:
    """No /proc/meminfo figure and no cgroup limit (another system): one worker per core, as before."""
    root = machine(tmp_path, available_kb=None)
    assert available_memory(root) is None
    assert pdf_workers(16, root) == 8


def test_without_affinity_the_core_count_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS has no sched_getaffinity."""
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    assert usable_cpus(machine(tmp_path)) == 4


def test_this_machine_gets_at_least_one_worker() -> None:
    """The real /proc and /sys of the machine running the tests."""
    count = pdf_workers(16)
    assert 1 <= count <= (os.cpu_count() or 1)
    assert workers.read(Path("/nonexistent/file")) == ""

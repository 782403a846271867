import subprocess
import sys


def test_equity_imports_no_django() -> None:
    probe = "import sys, heathub.equity; sys.exit(any(m.startswith('django') for m in sys.modules))"
    # a fresh interpreter, so modules imported by other tests do not count
    assert subprocess.run([sys.executable, "-c", probe], check=False).returncode == 0  # noqa: S603

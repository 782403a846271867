import subprocess
import sys


def test_equity_imports_no_django() -> None:
    probe = "import sys, heathub.equity; sys.exit(any(m.startswith('django') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", probe], check=False).returncode == 0

"""Ctrl-C stops a long run: the GIL is released, and the run ends at its next step."""

import signal
import subprocess
import sys
import time

from conftest import KETTLE

# A process started in the background by a non-interactive shell (as CI may be) inherits SIGINT
# ignored, and Python then installs no KeyboardInterrupt handler: install it, as a terminal has.
SCRIPT = f"""
import signal
signal.signal(signal.SIGINT, signal.default_int_handler)
import greenlca
s = greenlca.load({str(KETTLE)!r})
print("ready", flush=True)
s.mc(2_000_000, seed=1)
print("finished", flush=True)
"""


def test_ctrl_c_interrupts_a_monte_carlo_run():
    p = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "ready"
    time.sleep(0.5)
    sent = time.perf_counter()
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=30)
    assert time.perf_counter() - sent < 5, "the run did not stop soon after Ctrl-C"
    assert "finished" not in out
    assert "KeyboardInterrupt" in err

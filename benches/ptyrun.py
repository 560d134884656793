#!/usr/bin/env python3
"""Start to first frame of one kartei start through a pty (30x100), without
the bench harness: prints the time until NEEDLE is on screen, then ends the
program (SIGHUP, or the key q with QUIT_KEY=1) and waits for it.

Usage: ptyrun.py DATA_DIR CACHE_DIR NEEDLE -- COMMAND [ARGS...]
See docs/performance.md ("Start-up, second round")."""
import os, pty, sys, time, fcntl, termios, struct, select, signal
data, cache, needle = sys.argv[1], sys.argv[2], sys.argv[3].encode()
cmd = sys.argv[5:]
env = dict(os.environ, KARTEI_DATA_DIR=data, KARTEI_CACHE_DIR=cache, KARTEI_NOW="2026-11-27T09:00:00Z", TERM="xterm-256color", LANG="en_US.UTF-8")
t0 = time.perf_counter()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    os.execvpe(cmd[0], cmd, env)
buf = b""
while needle not in buf:
    r, _, _ = select.select([fd], [], [], 120)
    if not r: raise SystemExit("timeout")
    try: buf += os.read(fd, 65536)
    except OSError: break
t1 = time.perf_counter()
print(f"first frame after {(t1-t0)*1000:.1f} ms", file=sys.stderr)
os.write(fd, b"q") if os.environ.get("QUIT_KEY") else os.kill(pid, signal.SIGHUP)
while True:
    try:
        r, _, _ = select.select([fd], [], [], 60)
        if not r or not os.read(fd, 65536): break
    except OSError: break
os.waitpid(pid, 0)

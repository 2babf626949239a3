"""tests/ale/terminal.py COMMAND… — runs COMMAND in a pseudo-terminal that
nobody types into, its screen read and dropped; exits with its status. Vim
then behaves as in front of a user (Insert mode, completion menu), where its
Ex mode (-es) would end a completion at once (no terminal to wait on)."""
import os
import pty
import select
import subprocess
import sys

master, slave = pty.openpty()
p = subprocess.Popen(sys.argv[1:], stdin=slave, stdout=slave, stderr=slave,
                     env=dict(os.environ, TERM="xterm"))
os.close(slave)
while True:
    ready, _, _ = select.select([master], [], [], 0.2)
    if ready:
        try:
            if not os.read(master, 65536):
                break
        except OSError:      # the terminal closed with the program
            break
    elif p.poll() is not None:
        break
sys.exit(p.wait())

#!/usr/bin/python3
"""sink.py PORT DIR: an SMTP server on 127.0.0.1:PORT (Debian's python3-aiosmtpd with its default limits, so a
line too long for RFC 5321 is refused as a real server would) that writes each accepted message to DIR/NNNN.eml
before answering 250. Stops on SIGTERM or SIGINT."""
import itertools
import os
import signal
import sys

from aiosmtpd.controller import Controller


class FileHandler:
    def __init__(self, folder):
        self.folder = folder
        self.count = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        path = os.path.join(self.folder, f"{next(self.count):04d}.eml")
        with open(path, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        return "250 OK"


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller = Controller(FileHandler(sys.argv[2]), hostname="127.0.0.1", port=int(sys.argv[1]))
    controller.start()
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()

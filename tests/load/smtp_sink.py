#!/usr/bin/python3
"""SMTP sink of the load harness: accepts every message on 127.0.0.1:PORT and writes one line per message
(count, size, sender, recipients) to stdout, so the harness can count what each tool delivered.

Debian's python3-aiosmtpd (/usr/bin/python3). Stops on SIGTERM or SIGINT.
"""
import argparse
import signal
import sys

from aiosmtpd.controller import Controller


class CountingHandler:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        print(f"{self.count} {len(envelope.content)} {envelope.mail_from} {','.join(envelope.rcpt_tos)}", flush=True)
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    controller = Controller(CountingHandler(), hostname="127.0.0.1", port=args.port)
    controller.start()
    print(f"# listening on 127.0.0.1:{args.port}", file=sys.stderr, flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    main()

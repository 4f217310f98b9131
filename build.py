#!/usr/bin/env python3
"""clinicsite command line: build, lint and check a clinic website."""

import sys

from clinicsite.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

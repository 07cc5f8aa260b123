import sys

from micromoments_tray.cli.main import console_main

if __name__ == "__main__":
    sys.exit(console_main())

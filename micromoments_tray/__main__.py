import sys

from micromoments_tray.cli import main

if __name__ == "__main__":
    sys.exit(main())

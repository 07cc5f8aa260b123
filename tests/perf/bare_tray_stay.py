"""Baseline for the idle benchmark: a bare PySide6 tray icon that stays until terminated."""

import signal
import sys

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

signal.signal(signal.SIGTERM, signal.SIG_DFL)
app = QApplication(sys.argv[:1])
pixmap = QPixmap(32, 32)
pixmap.fill(QColor("orange"))
tray = QSystemTrayIcon(QIcon(pixmap))
tray.show()
sys.exit(app.exec())

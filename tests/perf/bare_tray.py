"""Baseline: the least a PySide6 tray app can do — show an icon, run the loop once, exit."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

app = QApplication(sys.argv[:1])
pixmap = QPixmap(32, 32)
pixmap.fill(QColor("orange"))
tray = QSystemTrayIcon(QIcon(pixmap))
tray.show()
QTimer.singleShot(0, lambda: (print("ok"), app.exit(0)))
sys.exit(app.exec())

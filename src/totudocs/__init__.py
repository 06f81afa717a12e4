"""totudocs: render, lint and check Finnish social assistance decisions and statements."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("totudocs")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+source"

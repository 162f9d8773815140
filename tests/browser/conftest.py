"""Browser fixtures live in tests/browser_support.py (shared with tests/quality)."""

from ..browser_support import expect_status, sign_in

__all__ = ["expect_status", "sign_in"]

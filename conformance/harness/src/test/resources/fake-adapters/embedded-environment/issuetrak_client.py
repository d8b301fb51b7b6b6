"""Empty: the embedded runner loads this module before adapter.py."""

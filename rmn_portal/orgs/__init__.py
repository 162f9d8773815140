"""Member organisations of the network: directory, profiles, people."""


def init_app(_app) -> None:
    from ..search import register
    from .search import SOURCE

    register(SOURCE)

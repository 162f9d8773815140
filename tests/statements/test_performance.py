"""Pages run a constant number of queries, however many statements,
signatures or comments there are."""

from rmn_portal.db import db
from rmn_portal.statements import comments, signing

from ..factories import login
from .conftest import open_statement


def statement_with(network, signatures: int, threads: int):
    statement = open_statement(network)
    for admin in network.admins[:signatures]:
        signing.sign(admin, statement)
    for n in range(threads):
        thread = comments.add_comment(network.editor, statement, f"Thread {n}")
        comments.add_comment(network.lead, statement, f"Reply {n}", parent=thread)
    db.session.commit()
    return statement


def test_the_statement_page_runs_a_constant_number_of_queries(client, network,
                                                               count_queries):
    small = statement_with(network, signatures=1, threads=1)
    large = statement_with(network, signatures=3, threads=6)
    login(client, network.lead)

    def page(statement):
        return lambda: client.get(f"/statements/{statement.id}")

    count_queries(page(small))  # warm-up: caches, session
    assert count_queries(page(small)) == count_queries(page(large))


def test_the_list_runs_a_constant_number_of_queries(client, network, count_queries):
    login(client, network.coordinator)
    statement_with(network, signatures=1, threads=0)
    count_queries(lambda: client.get("/statements"))
    few = count_queries(lambda: client.get("/statements"))
    for _ in range(5):
        statement_with(network, signatures=2, threads=0)
    assert count_queries(lambda: client.get("/statements")) == few

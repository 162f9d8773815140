"""The attack suite: what an attacker tries, checked through HTTP (issue 9)."""

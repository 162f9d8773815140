"""Synthetic data at scale for load measurements (`flask seed-bench`).

`generate.seed(scale)` adds, on top of the demo portal (`seed-demo`), the
volumes a large network would hold. At scale 1: 16 organisations, 800 people,
100,000 resources, 20,000 events with 200,000 RSVPs, 2,000 trainings with
50,000 attendance marks, 50,000 published notes, 2,000 statements with 20,000
revisions. Rows go in with Core `insert()` executemany in batches (no ORM
objects, no upload pipeline), so scale 1 takes minutes, not hours. Every text
is invented; nobody but the demo accounts can sign in.
"""

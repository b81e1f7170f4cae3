"""How `make test` splits the tests between processes (pytest-xdist): whole groups, longest first.

:func:`work_group` names each test's group and :data:`BOOK_MODULES` is the one list of
the modules that check the built book (the conftest marks them ``book``; `make test-book`
runs them). :class:`GroupScheduling` hands each group to one process as a whole, the
groups of :data:`FIRST_GROUPS` first. It implements xdist's public scheduler protocol
(``xdist.scheduler.protocol.Scheduling``, returned from the ``pytest_xdist_make_scheduler``
hook): xdist's own ``--dist loadgroup`` cannot be used, since it puts a test's group
into its id through ``item._nodeid``, which pytest 9 no longer reads, so every test
(every notebook cell too) would be handed out on its own.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence

#: Test modules that use the built book (the session fixture ``build_log``): one group.
BOOK_MODULES = {
    "tests/test_book.py",
    "tests/test_browser.py",
    "tests/test_browser_exercises.py",
    "tests/test_a11y.py",
    "tests/test_pdf.py",
    "tests/test_readability.py",
    "tests/test_walkthrough.py",
    "tests/test_colab_edition.py",
    "tests/test_slides.py",
    "tests/test_site.py",
    "tests/test_page_weight.py",
    "tests/test_progress.py",
}
#: Groups handed out first, longest first (measured with two processes on 2 cores: the
#: Colab-like environment ~340 s; the book, the chapters and the model tests minutes each;
#: every other group takes seconds).
FIRST_GROUPS = (
    "tests/test_colab_env.py",
    "book",
    "chapters",
    "tests/test_models_training.py",
    "tests/test_models_checkpoint.py",
    "tests/test_models_trained.py",
    # the longest of make test-fast's groups, so that two processes finish together
    "tests/test_problems.py",
    "tests/test_exercises.py",
    "tests/test_viz.py",
    "tests/test_tools.py",
    "tests/test_answers.py",
)


def work_group(nodeid: str) -> str:
    """The group a test runs in when `make test` runs two processes (pytest-xdist).

    A group runs in one process, in collection order. ``chapters``: every
    chapter's cells (a notebook's cells share one kernel, and chapter 08 loads
    the model chapter 07 saved). ``book``: every module that checks the built
    book (it is built once, into the checkout's _build). Anything else: its
    file, so that a module's fixtures are made once.

    >>> work_group("chapters/07_keras_lab.ipynb::Cell 3")
    'chapters'
    >>> work_group("tests/test_pdf.py::test_no_page_is_blank_and_pages_are_numbered")
    'book'
    >>> work_group("cnn_utils/ops.py::cnn_utils.ops.conv2d")
    'cnn_utils/ops.py'
    """
    path = nodeid.split("::", 1)[0]
    if path.endswith(".ipynb"):
        return "chapters"
    return "book" if path in BOOK_MODULES else path


def ordered_groups(
    collection: Sequence[str],
    group_of: Callable[[str], str] = work_group,
    first: Sequence[str] = FIRST_GROUPS,
) -> list[tuple[str, list[int]]]:
    """The groups of a collection with their tests' indices: ``first`` in its order, then the
    others as they are collected; a group's tests in collection order.

    >>> ordered_groups(["a.py::x", "b.py::y", "a.py::z", "c.py::w"], first=["c.py"])
    [('c.py', [3]), ('a.py', [0, 2]), ('b.py', [1])]
    """
    groups: dict[str, list[int]] = {}
    for index, nodeid in enumerate(collection):
        groups.setdefault(group_of(nodeid), []).append(index)
    rank = {name: position for position, name in enumerate(first)}
    return sorted(groups.items(), key=lambda group: rank.get(group[0], len(rank)))


class GroupScheduling:
    """An xdist scheduler: each group (:func:`ordered_groups`) to one worker, in order.

    A worker is sent its next group when one test of its work is left: the worker runs a
    test once it knows the next one (or that there is none), so it never waits idle.
    """

    def __init__(self, numnodes: int, log, group_of: Callable[[str], str] = work_group):
        self.numnodes = numnodes
        self.log = log
        self.group_of = group_of
        self.collection: list[str] | None = None
        self.queue: deque[tuple[str, list[int]]] = deque()
        self.work: dict = {}  # node -> the indices sent to it and not completed, in order
        self.collections: dict = {}  # node -> its collection

    @property
    def nodes(self) -> list:
        return list(self.work)

    @property
    def collection_is_completed(self) -> bool:
        return len(self.collections) >= self.numnodes

    @property
    def tests_finished(self) -> bool:
        if not self.collection_is_completed or self.queue:
            return False
        return all(len(indices) < 2 for indices in self.work.values())

    @property
    def has_pending(self) -> bool:
        return bool(self.queue) or any(self.work.values())

    def add_node(self, node) -> None:
        self.work[node] = []

    def add_node_collection(self, node, collection: Sequence[str]) -> None:
        if self.collection is not None and list(collection) != self.collection:
            self.log(f"{node.gateway.id} collected other tests than the first workers: left idle")
            return
        self.collections[node] = list(collection)

    def mark_test_complete(self, node, item_index: int, duration: float = 0) -> None:
        self.work[node].remove(item_index)
        self._reschedule(node)

    def mark_test_pending(self, item: str) -> None:
        raise NotImplementedError("work stealing is not used with whole groups")

    def remove_pending_tests_from_node(self, node, indices: Sequence[int]) -> None:
        raise NotImplementedError("work stealing is not used with whole groups")

    def remove_node(self, node) -> str | None:
        """Forget a finished or crashed worker; a crashed one's other tests go to the others."""
        left = self.work.pop(node)
        if not left:
            return None
        crashed, rest = left[0], left[1:]
        if rest:
            self.queue.appendleft((self.group_of(self.collection[rest[0]]), rest))
        for other in self.nodes:
            self._reschedule(other)
        return self.collection[crashed]

    def schedule(self) -> None:
        if self.collection is not None:
            for node in self.nodes:
                self._reschedule(node)
            return
        collections = list(self.collections.values())
        if any(collection != collections[0] for collection in collections):
            raise RuntimeError("the workers collected different tests: run without -n to see")
        self.collection = collections[0]
        self.queue.extend(ordered_groups(self.collection, self.group_of))
        for node in self.nodes:
            self._reschedule(node)

    def _reschedule(self, node) -> None:
        while not node.shutting_down and len(self.work[node]) < 2:
            if not self.queue:
                node.shutdown()
                return
            name, indices = self.queue.popleft()
            self.log(f"group {name} ({len(indices)} tests) to {node.gateway.id}")
            self.work[node].extend(indices)
            node.send_runtest_some(indices)

"""References between items: resolving `id` / `topic/id` against the topics' namespaces."""

from __future__ import annotations

import difflib

from generator.knowledge.kb import KIND_NAMES, Item, TopicEntry


class Resolver:
    """Resolves references against the topics' namespaces, explaining every failure."""

    def __init__(self, topics: dict[str, TopicEntry], broken: set[str] | None = None) -> None:
        self.topics = topics
        self.broken = broken or set()

    def resolve(self, ref: str, from_topic: str | None, kinds: tuple[str, ...]) -> Item | str | None:
        """The item, an error message ('unknown measure … (did you mean …)'), or None when the
        target's file failed validation (its error is reported there, not here)."""
        topic_id, sep, item_id = ref.rpartition("/")
        if not sep:
            if from_topic is None:
                return f"'{ref}' must name its topic here: write topic-id/{ref}"
            topic_id = from_topic
        entry = self.topics.get(topic_id)
        if entry is None and topic_id in self.broken:
            return None
        if entry is None:
            return f"unknown topic '{topic_id}' in '{ref}'{suggest(topic_id, list(self.topics))}"
        item = entry.items.get(item_id)
        wanted = " or ".join(KIND_NAMES[k].split(" ", 1)[1] for k in kinds) if len(kinds) < 3 else "item"
        if item is None and entry.incomplete & set(kinds):
            return None
        if item is None:
            candidates = [i.id for i in entry.items.values() if i.kind in kinds]
            return f"unknown {wanted} '{ref}'{suggest(item_id, candidates)}"
        if item.kind not in kinds:
            return f"'{ref}' is {KIND_NAMES[item.kind]}, not {KIND_NAMES[kinds[0]]}"
        return item

    def resolve_link(self, ref: str, from_topic: str | None) -> Item | TopicEntry | str | None:
        """A `ref:` link target: any item, or a topic when no item of that id exists."""
        if "/" not in ref and ref in self.topics and (from_topic is None or ref not in self.topics[from_topic].items):
            return self.topics[ref]
        if "/" not in ref and from_topic is None:
            return f"unknown topic '{ref}'{suggest(ref, list(self.topics))}; link to an item as topic-id/item-id"
        return self.resolve(ref, from_topic, tuple(KIND_NAMES)[:-1])


def suggest(word: str, options: list[str]) -> str:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""

"""Actors: who each loaded term is aimed at, and who is speaking (stub, being written)."""


def compile_actors(lexicon):
    """Return an object with ``attribute(text, hits, sentences, quotes)`` (not yet written)."""
    return None

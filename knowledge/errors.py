"""Domain errors whose messages are safe to show a user as they are."""


class CablebotError(Exception):
    """A failure the user can act on; str(error) is one plain sentence."""


class EmptyQuestion(CablebotError):
    def __init__(self) -> None:
        super().__init__("The question is empty: ask something about the cables.")


class QuestionTooLong(CablebotError):
    def __init__(self, length: int, limit: int) -> None:
        super().__init__(
            f"The question is {length:,} characters long; keep it under {limit:,} characters."
        )


class CableNotFound(CablebotError):
    def __init__(self, ref: str, suggestions: tuple[str, ...] = ()) -> None:
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"No cable matches {ref!r}.{hint}")
        self.ref = ref
        self.suggestions = suggestions


class ParseError(CablebotError):
    """A document could not be read as a cable."""


class StoreError(CablebotError):
    """The store cannot be opened or written."""

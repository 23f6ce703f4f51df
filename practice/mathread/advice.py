"""What to type instead, when numbers are written the way other countries write them:
`2,5` (a decimal comma), `1,000,000` and `1 000 000` (grouped digits). Kept apart from
the parser, which only needs the message and the suggestion."""

from __future__ import annotations

from practice.mathread.tokens import Token, TokenKind

Advice = tuple[str, str | None]  # the message and the text to type instead, if any


def comma_advice(tokens: list[Token], index: int) -> Advice:
    """For the comma at `index` in a single value: `2,5` is a decimal comma far more
    often than a list, `1,000,000` groups digits, `1,000` could be either."""
    before, comma, after = tokens[index - 1], tokens[index], tokens[index + 1]
    if not (
        before.kind is TokenKind.NUMBER
        and after.kind is TokenKind.NUMBER
        and before.end == comma.start
        and after.start == comma.end
        and before.text.isdigit()
        and after.text[0].isdigit()
    ):
        return "unexpected `,` — a single value is expected here, not a list", None
    groups = digit_groups(tokens, index - 1, TokenKind.COMMA)
    if len(groups) > 2 and all(len(group) == 3 for group in groups[1:]):
        whole = "".join(groups)
        return f"unexpected `,` — write numbers without separators: `{whole}`", whole
    decimal = f"{before.text}.{after.text}"
    if len(groups) == 2 and len(after.text) == 3:
        return (
            f"unexpected `,` — write `{''.join(groups)}` without a separator, "
            f"or `{decimal}` for a decimal",
            None,
        )
    return f"unexpected `,` — for a decimal, write `{decimal}`", decimal


def two_numbers_advice(tokens: list[Token], index: int) -> Advice:
    """For the number at `index` right after another: `1 000 000` groups digits with
    spaces (French and SI style) far more often than it means 1·000·000."""
    previous, token = tokens[index - 1], tokens[index]
    if previous.text.isdigit() and len(token.text) == 3 and token.text.isdigit():
        whole = "".join(digit_groups(tokens, index - 1, None))
        return (
            f"two numbers in a row — write numbers without spaces: `{whole}`, "
            "or use `*` to multiply them",
            whole,
        )
    return "two numbers in a row — use `*` to multiply them", None


def digit_groups(tokens: list[Token], start: int, separator: TokenKind | None) -> list[str]:
    """The digit groups from token `start` on, separated by `separator` (or nothing)."""
    groups = [tokens[start].text]
    i = start + 1
    while True:
        if separator is not None:
            if tokens[i].kind is not separator:
                break
            i += 1
        token = tokens[i]
        if token.kind is not TokenKind.NUMBER or not token.text.isdigit():
            break
        groups.append(token.text)
        i += 1
    return groups

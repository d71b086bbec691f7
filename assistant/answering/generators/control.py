"""Chat-control tokens out of text that goes into a prompt.

A document holding `<|im_end|><|im_start|>system ...` must reach the model as those characters, not
as the tokens that end a turn and open a new system message: chat templates are rendered to text
and tokenised with special tokens on. So every text a prompt takes from outside (sources, the
question, the conversation, table values) loses the common chat-markup forms here, and the local
model's own special tokens (read from its vocabulary) are removed again just before the request.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# ChatML and its kin (<|im_start|>, <|eot_id|>, <|endoftext|>), Llama 2, Gemma and BOS/EOS markup.
_CHAT_MARKUP = re.compile(
    r"<\|[^<>|\n]{0,40}\|>|</?s>|\[/?INST\]|<</?SYS>>|<(?:start|end)_of_turn>|<(?:bos|eos|pad|unk)>", re.I
)


def strip_control(text: str, specials: Iterable[str] = ()) -> str:
    """The text without chat markup or the given special tokens; repeated until nothing changes,
    so removing one token cannot join its neighbours into another."""
    specials = [s for s in specials if s]
    while True:
        cleaned = _CHAT_MARKUP.sub("", text)
        for token in specials:
            cleaned = cleaned.replace(token, "")
        if cleaned == text:
            return cleaned
        text = cleaned

"""The optional LLM backend: any server that speaks the OpenAI chat-completions protocol.

Nothing here contacts anything unless an LLM is configured (see `feelheard.llm.config`). Every rewrite the LLM
proposes is checked by the same analyzer as the offline composer, and on any failure the offline suggestion is
used instead, with a note saying why.
"""

from __future__ import annotations

from feelheard.llm.client import LLMClient as LLMClient
from feelheard.llm.client import LLMError as LLMError
from feelheard.llm.config import LLMConfig as LLMConfig
from feelheard.llm.config import load_llm_config as load_llm_config

__all__ = ["LLMClient", "LLMConfig", "LLMError", "load_llm_config"]

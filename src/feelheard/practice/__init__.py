"""Practice: answer a simulated partner in scenarios from the bank, and get coached turn by turn.

`scenarios` loads and checks the bank (data files), `engine` runs a conversation, `service` keeps results in
storage, and `voice` lets a configured LLM word the partner's lines.
"""

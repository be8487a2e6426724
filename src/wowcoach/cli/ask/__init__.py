"""The questions the command line asks at a terminal, with Rich's prompts."""

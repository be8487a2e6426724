"""What each command does, as plain functions over the core: parse nothing, print nothing, return a result."""

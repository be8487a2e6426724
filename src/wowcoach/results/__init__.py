"""Result objects: plain data in the reader's language, the one thing every renderer shows."""

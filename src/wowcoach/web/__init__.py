"""`wowcoach serve`: the staff's and the owner's pages on the shop's own ledger, for a phone or a
tablet on the shop's network. A stage beside `cli/`: it calls the same `app/` functions the
commands call and shows their result objects with `render/`; nothing imports it but the `serve`
command, so the command line works without the optional extra (`wowcoach[serve]`).

- `passphrases.py`: the staff's and the owner's passphrases, kept as scrypt hashes
- `server.py`: the checks before the server starts, and the server (uvicorn)
- `site.py`: the web app (Starlette): its routes, sessions and security headers
- `guard.py`: who may see a page, CSRF tokens, the sign-in rate limit
- `pages.py`: the templates, the page's translator and what every page shows
- `staff.py`, `owner.py`: the pages themselves
"""

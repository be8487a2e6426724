"""`wowcoach serve`: the staff's and the owner's pages on the shop's own ledger, for a phone or a
tablet on the shop's network. A stage beside `cli/`: it calls the same `app/` functions the
commands call and shows their result objects with `render/`; nothing imports it but the `serve`
command, so the command line works without the optional extra (`wowcoach[serve]`).

- `passphrases.py`: the staff's and the owner's passphrases, kept as scrypt hashes
- `server.py`: the checks before the server starts, and the server (uvicorn); `config.py` what it hands the pages
- `site.py`: the web app (Starlette): its routes, the session cookie and the security headers
- `guard.py`: who may see a page, CSRF tokens, the sign-in rate limit
- `endpoint.py`: how every page runs; `pages.py`: the templates, the page's language, its messages
- `staff.py`, `owner.py`: the pages themselves; `templates/` and `static/` what they are made of
"""
